package dev.aegis.core;

import dev.aegis.api.AiGateway;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.Ticker;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.event.EventFilter;
import dev.aegis.api.event.EventHook;
import dev.aegis.api.health.HealthReport;
import dev.aegis.api.health.StoreHealthCheck;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.core.internal.CallListener;
import dev.aegis.core.internal.Engine;
import dev.aegis.core.internal.GatewayAssembler;
import dev.aegis.core.internal.GatewaySpec;
import dev.aegis.core.internal.HookDispatcher;
import dev.aegis.core.internal.ObservabilitySpec;
import dev.aegis.core.resilience.Sleeper;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.jspecify.annotations.Nullable;

/**
 * The Aegis gateway: every LLM call of an application goes through one shared instance, which
 * routes it over the configured providers, applies the plugins (authentication, limits,
 * guardrails, caching, ...) and publishes events, in-process.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder()
 *     .provider(ProviderConfig.builder("openai", "openai")
 *         .credentials(CredentialProvider.fromEnv("OPENAI_API_KEY")).build())
 *     .route("smart", Strategy.single(Target.of("openai", "gpt-4o")))
 *     .build();
 *
 * ChatResponse answer = gateway.route(ChatRequest.builder()
 *     .model("smart").addMessage(Message.user("Hello")).build());
 * }</pre>
 *
 * <p>Over 400 lines because of the builder: many one-line, documented options.
 *
 * <p>Observability is opt-in and costs nothing when off: give the builder a Micrometer
 * {@code MeterRegistry} for the GenAI and {@code aegis.*} meters, an {@code OpenTelemetry} for
 * traces; neither jar is needed on the class path otherwise. {@link #health()} reports readiness.
 *
 * <p>Gateways should be shared: each holds thread pools, provider connection pools and per-target
 * state. Create one per application and {@link #close()} it on shutdown.
 *
 * <p>Thread-safe.
 */
public final class Gateway implements AiGateway, AutoCloseable {
  private final Engine engine;
  private final ProviderContext providerContext;

  Gateway(Engine engine, ProviderContext providerContext) {
    this.engine = engine;
    this.providerContext = providerContext;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ChatResponse route(ChatRequest request, RequestOptions options) {
    return engine.route(request, options);
  }

  @Override
  public CompletableFuture<ChatResponse> routeAsync(ChatRequest request, RequestOptions options) {
    return engine.routeAsync(request, options);
  }

  @Override
  public ChatStream routeStream(ChatRequest request, RequestOptions options) {
    return engine.routeStream(request, options);
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, RequestOptions options) {
    return engine.embed(request, options);
  }

  @Override
  public List<ModelInfo> models() {
    return GatewayAssembler.models(engine);
  }

  @Override
  public HealthReport health() {
    return engine.health();
  }

  /** The gateway's own counters. */
  public GatewayStats stats() {
    HookDispatcher h = engine.hooks();
    return new GatewayStats(engine.inFlight(), h.delivered(), h.dropped(), h.failed(), engine.pluginFailures());
  }

  /**
   * Stops accepting calls, lets in-flight calls finish within the grace period, then cancels
   * them, drains the hooks, closes the providers and stops the gateway's threads. Idempotent.
   */
  @Override
  public void close() {
    engine.close();
    // after the providers: the shared connection pool outlives every call that used it
    providerContext.close();
  }

  /**
   * Builds a {@link Gateway}. Every problem (a missing provider, a duplicate name, a route naming
   * an unknown provider, a null argument) is collected and reported together by {@link #build()}
   * as a {@link dev.aegis.api.error.ConfigException} naming each setting.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    final List<Object> providers = new ArrayList<>();
    final List<Boolean> localFlags = new ArrayList<>();
    final Map<String, Strategy> routes = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final List<Plugin> plugins = new ArrayList<>();
    final List<HookDispatcher.Registration> hooks = new ArrayList<>();
    int hookWorkers = 1;
    @Nullable Object meterRegistry;
    @Nullable Object openTelemetry;
    @Nullable Boolean semconvLatest;
    boolean principalTags;
    boolean propagateTraceContext;
    boolean logPrompts;
    final List<StoreHealthCheck> stores = new ArrayList<>();
    @Nullable Duration healthProbe;
    @Nullable String defaultRoute;
    Ticker ticker = Ticker.system();
    Clock clock = Clock.systemUTC();
    @Nullable ExecutorService executor;
    @Nullable ScheduledExecutorService scheduler;
    Duration requestTimeout = Duration.ofMinutes(10);
    Duration closeGrace = Duration.ofSeconds(10);
    int hookQueueCapacity = 4096;
    @Nullable Sleeper sleeper;
    PriceTable prices = PriceTable.NONE;
    Duration streamIdleTimeout = Duration.ofMinutes(5);

    private Builder() {}

    /** Adds a provider instance built by the host. Its name must be unique. */
    public Builder provider(Provider provider) {
      return provider(provider, false);
    }

    /**
     * Adds a provider instance, declaring whether it is local (inside the network boundary): only
     * local targets may receive RESTRICTED data.
     */
    public Builder provider(Provider provider, boolean local) {
      if (provider == null) {
        problems.add("providers[" + providers.size() + "]: must not be null");
        return this;
      }
      providers.add(provider);
      localFlags.add(local);
      return this;
    }

    /** Adds a provider instance created by the {@code ProviderFactory} of its type (ServiceLoader). */
    public Builder provider(ProviderConfig config) {
      if (config == null) {
        problems.add("providers[" + providers.size() + "]: must not be null");
        return this;
      }
      providers.add(config);
      localFlags.add(config.local());
      return this;
    }

    /** Maps a model alias to a strategy. */
    public Builder route(String alias, Strategy strategy) {
      if (alias == null || alias.isBlank()) {
        problems.add("routes: a route alias must not be null or blank");
      } else if (strategy == null) {
        problems.add("routes." + alias + ": strategy must not be null");
      } else if (routes.putIfAbsent(alias, strategy) != null) {
        problems.add("routes." + alias + ": duplicate route alias");
      }
      return this;
    }

    /** The route for requests that name no model. */
    public Builder defaultRoute(String alias) {
      if (alias == null) {
        problems.add("defaultRoute: must not be null");
      }
      this.defaultRoute = alias;
      return this;
    }

    /** Adds a plugin; plugins run in the order added. */
    public Builder plugin(Plugin plugin) {
      if (plugin == null) {
        problems.add("plugins[" + plugins.size() + "]: must not be null");
      } else {
        plugins.add(plugin);
      }
      return this;
    }

    /** Adds an event hook that receives every event. */
    public Builder hook(EventHook hook) {
      return hook(hook, EventFilter.all());
    }

    /** Adds an event hook that receives the events {@code filter} lets through. */
    public Builder hook(EventHook hook, EventFilter filter) {
      if (hook == null || filter == null) {
        problems.add("hooks[" + hooks.size() + "]: " + (hook == null ? "hook" : "filter") + " must not be null");
      } else {
        hooks.add(new HookDispatcher.Registration(hook, filter));
      }
      return this;
    }

    /**
     * How many threads deliver events to hooks (default 1: in order, one at a time). With more,
     * hooks must be thread-safe.
     */
    public Builder hookWorkers(int workers) {
      if (workers < 1 || workers > 64) {
        problems.add("hookWorkers: must be between 1 and 64 but was " + workers);
      } else {
        this.hookWorkers = workers;
      }
      return this;
    }

    /**
     * Records metrics in this registry: the OpenTelemetry GenAI client metrics and the gateway's
     * {@code aegis.*} meters. Without it nothing is recorded and Micrometer is not needed.
     */
    public Builder meterRegistry(MeterRegistry registry) {
      if (registry == null) {
        problems.add("meterRegistry: must not be null");
      } else {
        this.meterRegistry = registry;
      }
      return this;
    }

    /**
     * Traces requests with this OpenTelemetry instance: an INTERNAL span per request and a CLIENT
     * span per provider call, on the GenAI conventions, child of the caller's current span.
     * Without it nothing is traced and the OpenTelemetry API is not needed.
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      if (openTelemetry == null) {
        problems.add("openTelemetry: must not be null");
      } else {
        this.openTelemetry = openTelemetry;
      }
      return this;
    }

    /**
     * Emits the latest GenAI semantic conventions ({@code true}) or those of the last main
     * semantic-conventions release ({@code false}). Unset, the gateway follows
     * {@code OTEL_SEMCONV_STABILITY_OPT_IN} ({@code gen_ai_latest_experimental}); this option wins.
     */
    public Builder semconvLatest(boolean latest) {
      this.semconvLatest = latest;
      return this;
    }

    /**
     * Tags request meters with the tenant and principal id (default off: both can have many
     * values, which metric backends charge for).
     */
    public Builder principalTags(boolean enabled) {
      this.principalTags = enabled;
      return this;
    }

    /**
     * Sends the W3C {@code traceparent} (and the OpenTelemetry instance's other propagated
     * headers) to providers, so a provider that traces joins the caller's trace (default off:
     * trace ids then leave the network).
     */
    public Builder propagateTraceContext(boolean enabled) {
      this.propagateTraceContext = enabled;
      return this;
    }

    /**
     * Logs prompt and completion text in the request log line and records them on the CLIENT span
     * ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}) (default off). Secrets never are.
     */
    public Builder logPrompts(boolean enabled) {
      this.logPrompts = enabled;
      return this;
    }

    /** Adds a shared store whose health counts for {@link Gateway#health()} readiness. */
    public Builder store(StoreHealthCheck store) {
      if (store == null) {
        problems.add("stores[" + stores.size() + "]: must not be null");
      } else {
        stores.add(store);
      }
      return this;
    }

    /**
     * Probes every provider with a {@code models} call on this interval; a failing probe marks
     * its targets unroutable in {@link Gateway#health()} (default: no probe).
     */
    public Builder healthProbe(Duration interval) {
      if (interval == null || interval.isNegative() || interval.isZero()) {
        problems.add("healthProbe: must be a positive duration but was " + interval);
      } else {
        this.healthProbe = interval;
      }
      return this;
    }

    /** The monotonic time source (deadlines, breakers, latency). */
    public Builder ticker(Ticker ticker) {
      if (ticker == null) {
        problems.add("ticker: must not be null");
      } else {
        this.ticker = ticker;
      }
      return this;
    }

    /** The wall clock (event timestamps, budget periods). */
    public Builder clock(Clock clock) {
      if (clock == null) {
        problems.add("clock: must not be null");
      } else {
        this.clock = clock;
      }
      return this;
    }

    /**
     * The executor for {@code routeAsync} and stream producers. Default: virtual threads on Java
     * 21+, else a cached pool of daemon threads. A supplied executor is not shut down by close.
     */
    public Builder executor(ExecutorService executor) {
      if (executor == null) {
        problems.add("executor: must not be null");
      } else {
        this.executor = executor;
      }
      return this;
    }

    /** The scheduler for deadlines and backoff. A supplied scheduler is not shut down by close. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      if (scheduler == null) {
        problems.add("scheduler: must not be null");
      } else {
        this.scheduler = scheduler;
      }
      return this;
    }

    /** The default total deadline of a call (default 10 minutes). */
    public Builder requestTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        problems.add("requestTimeout: must be a positive duration but was " + timeout);
      } else {
        this.requestTimeout = timeout;
      }
      return this;
    }

    /**
     * The longest silence between two chunks of a stream, for targets that set none (default 5
     * minutes). Streams are not cut by {@link #requestTimeout} once they have started, unless the
     * caller set a timeout in its {@code RequestOptions}.
     */
    public Builder streamIdleTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        problems.add("streamIdleTimeout: must be a positive duration but was " + timeout);
      } else {
        this.streamIdleTimeout = timeout;
      }
      return this;
    }

    /** How long {@link Gateway#close()} lets in-flight calls finish (default 10 seconds). */
    public Builder closeGracePeriod(Duration grace) {
      if (grace == null || grace.isNegative()) {
        problems.add("closeGracePeriod: must be a non-negative duration but was " + grace);
      } else {
        this.closeGrace = grace;
      }
      return this;
    }

    /** The capacity of the hook queue; events beyond it are dropped and counted (default 4096). */
    public Builder hookQueueCapacity(int capacity) {
      if (capacity < 1) {
        problems.add("hookQueueCapacity: must be at least 1 but was " + capacity);
      } else {
        this.hookQueueCapacity = capacity;
      }
      return this;
    }

    /** How retry backoff waits (default: on the scheduler, woken by cancellation). Tests inject a fake. */
    public Builder sleeper(Sleeper sleeper) {
      if (sleeper == null) {
        problems.add("sleeper: must not be null");
      } else {
        this.sleeper = sleeper;
      }
      return this;
    }

    /** Prices for the {@code cost} strategy and cost accounting. */
    public Builder prices(PriceTable prices) {
      if (prices == null) {
        problems.add("prices: must not be null");
      } else {
        this.prices = prices;
      }
      return this;
    }

    /**
     * Builds the gateway.
     *
     * @throws dev.aegis.api.error.ConfigException listing every problem with its path
     */
    public Gateway build() {
      ProviderContext context = ProviderContext.create();
      try {
        return new Gateway(GatewayAssembler.assemble(new GatewaySpec(providers, localFlags, routes, defaultRoute,
            problems, plugins, hooks, hookWorkers, ticker, clock, executor, scheduler, requestTimeout, closeGrace,
            hookQueueCapacity, sleeper, prices, streamIdleTimeout, CallListener.NOOP,
            new ObservabilitySpec(meterRegistry, openTelemetry, semconvLatest, principalTags, propagateTraceContext,
                logPrompts, List.copyOf(stores), healthProbe)), context), context);
      } catch (RuntimeException e) {
        context.close();
        throw e;
      }
    }
  }
}
