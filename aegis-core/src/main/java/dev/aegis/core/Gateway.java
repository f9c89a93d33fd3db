package dev.aegis.core;

import dev.aegis.api.AiGateway;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.Ticker;
import dev.aegis.api.auth.KeyStore;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.auth.VirtualKeys;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetStore;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.limit.LimiterStore;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.usage.UsageReports;
import dev.aegis.api.usage.UsageSink;
import dev.aegis.api.usage.UsageStore;
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
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.config.GatewayConfig;
import dev.aegis.core.internal.Engine;
import dev.aegis.core.internal.GatewayAssembler;
import dev.aegis.core.internal.Governance;
import dev.aegis.core.internal.auth.InMemoryKeyStore;
import dev.aegis.core.internal.HookDispatcher;
import dev.aegis.core.internal.options.GovernanceOptions;
import dev.aegis.core.internal.options.LifecycleOptions;
import dev.aegis.core.internal.options.ObservabilityOptions;
import dev.aegis.core.internal.options.PluginOptions;
import dev.aegis.core.internal.options.ResilienceOptions;
import dev.aegis.core.internal.options.RoutingOptions;
import dev.aegis.core.resilience.RetryBudget;
import dev.aegis.core.resilience.Sleeper;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  final Engine engine;
  final ProviderContext providerContext;
  /** Replaced by a reload, with the snapshot; see {@link GatewayReloader}. */
  volatile Governance governance;
  @Nullable GatewayReloader reloader;

  Gateway(Engine engine, ProviderContext providerContext, Governance governance) {
    this.engine = engine;
    this.providerContext = providerContext;
    this.governance = governance;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A gateway configured by a YAML or JSON file, through the same builder.
   *
   * @throws dev.aegis.api.error.ConfigException listing every problem of the file, each with its path
   */
  public static Gateway fromConfig(java.nio.file.Path file) {
    return builder().config(GatewayConfig.load(file)).build();
  }

  /**
   * Swaps the configuration for {@code config} atomically: calls running keep the one they started
   * with; breaker, latency, limiter and budget state is kept for what did not change; plugins and
   * hooks registered in code stay. Time, threads, hooks and telemetry stay as built. Publishes
   * {@link dev.aegis.api.event.ConfigReloaded}.
   *
   * @throws dev.aegis.api.error.ConfigException listing every problem; the old configuration keeps serving
   */
  public void reload(GatewayConfig config) {
    if (config == null) {
      throw new NullPointerException("config must not be null");
    }
    if (engine.isClosed()) {
      throw new IllegalStateException("the gateway is closed");
    }
    java.util.Objects.requireNonNull(reloader, "reloader").reload(this, config);
  }

  /**
   * A text of everything this gateway was configured with (providers, routes with every target
   * setting, plugins, governance, timeouts), secrets and header values left out: two gateways
   * built alike, by code or by file, describe themselves alike.
   */
  public String describe() {
    return java.util.Objects.requireNonNull(reloader, "reloader").description();
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

  /** The aliases the caller may use: for a virtual key, those its allow-list admits. */
  @Override
  public List<ModelInfo> models(RequestOptions options) {
    Governance g = governance;
    if (options == null || options.credential() == null || g.auth() == null) {
      return models();
    }
    VirtualKey key = g.auth().keyFor(options.credential());
    List<ModelInfo> allowed = new ArrayList<>();
    for (ModelInfo m : models()) {
      if (key == null || key.allowsModel(m.id())) {
        allowed.add(m);
      }
    }
    return allowed;
  }

  /**
   * The admin interface of the virtual keys.
   *
   * @throws UnsupportedOperationException unless the builder enabled {@link Builder#virtualKeys()}
   */
  @Override
  public VirtualKeys virtualKeys() {
    Governance g = governance;
    if (g.auth() == null) {
      throw new UnsupportedOperationException("this gateway has no virtual keys: enable them with "
          + "Gateway.builder().virtualKeys()");
    }
    return g.auth().registry();
  }

  @Override
  public UsageReports usage() {
    return governance;
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
    governance.close();
    if (reloader != null) {
      reloader.close();
    }
    // after the providers: the shared connection pool outlives every call that used it
    providerContext.close();
  }

  /**
   * Builds a {@link Gateway}. Every problem (a missing provider, a duplicate name, a route naming
   * an unknown provider, a null argument) is collected and reported together by {@link #build()}
   * as a {@link dev.aegis.api.error.ConfigException} naming each setting.
   *
   * <p>Every setting of the gateway (routing, resilience, time, and governance — keys, limits,
   * budgets, usage, shedding) is made here, in one place, as on Caffeine's builder, so the YAML
   * configuration drives the very same builder. The settings themselves live in one option group
   * per concern (routing, resilience, governance, observability, plugins, lifecycle), which checks
   * them; this class is the one public door to them.
   *
   * <pre>{@code
   * Gateway gateway = Gateway.builder()
   *     .provider(ProviderConfig.builder("openai", "openai").build())
   *     .route("smart", Strategy.single(Target.of("openai", "gpt-4o")))
   *     .requestTimeout(Duration.ofSeconds(30))
   *     .build();
   * }</pre>
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    final List<String> problems;
    final RoutingOptions routing;
    final ResilienceOptions resilience;
    final GovernanceOptions governance;
    final ObservabilityOptions observability;
    final PluginOptions plugins;
    final LifecycleOptions lifecycle;
    @Nullable GatewayConfig config;

    Builder() {
      problems = new ArrayList<>();
      routing = new RoutingOptions(problems);
      resilience = new ResilienceOptions(problems);
      governance = new GovernanceOptions(problems);
      observability = new ObservabilityOptions(problems);
      plugins = new PluginOptions(problems);
      lifecycle = new LifecycleOptions(problems);
    }

    private Builder(Builder from) {
      problems = new ArrayList<>(from.problems);
      routing = from.routing.copy(problems);
      resilience = from.resilience.copy(problems);
      governance = from.governance.copy(problems);
      observability = from.observability.copy(problems);
      plugins = from.plugins.copy(problems);
      lifecycle = from.lifecycle.copy(problems);
      config = from.config;
    }

    /**
     * A builder with the same settings and problems, whose later changes leave this one as it is:
     * what a reload starts from. BuilderCopyTest fails if a setting is not carried.
     */
    Builder copy() {
      return new Builder(this);
    }

    /**
     * Applies a configuration file's settings, through this builder's own methods, when the gateway
     * is built; what is set in code stays and survives {@link Gateway#reload}.
     */
    public Builder config(GatewayConfig config) {
      if (config == null) {
        problems.add("config: must not be null");
      } else {
        this.config = config;
      }
      return this;
    }

    /** Adds a provider instance built by the host. Its name must be unique. */
    public Builder provider(Provider provider) {
      return provider(provider, false);
    }

    /**
     * Adds a provider instance, declaring whether it is local (inside the network boundary): only
     * local targets may receive RESTRICTED data.
     */
    public Builder provider(Provider provider, boolean local) {
      routing.provider(provider, local);
      return this;
    }

    /** Adds a provider instance created by the {@code ProviderFactory} of its type (ServiceLoader). */
    public Builder provider(ProviderConfig config) {
      routing.provider(config);
      return this;
    }

    /** Maps a model alias to a strategy. */
    public Builder route(String alias, Strategy strategy) {
      routing.route(alias, strategy);
      return this;
    }

    /** The route for requests that name no model. */
    public Builder defaultRoute(String alias) {
      routing.defaultRoute(alias);
      return this;
    }

    /**
     * Adds a plugin; plugins run in the order added, after the built-in governance. With a
     * {@link #cache cache}, a {@link dev.aegis.api.plugin.SplitPlugin} (the guardrails) is split
     * around it.
     */
    public Builder plugin(Plugin plugin) {
      plugins.plugin(plugin);
      return this;
    }

    /**
     * The response cache, placed where ARCHITECTURE.md puts it whatever the order of calls:
     * after authentication, limits, budgets, usage and the user's plugins (input guardrails,
     * classification and masking), before routing; every {@link dev.aegis.api.plugin.SplitPlugin}
     * added with {@link #plugin} runs its input half before the cache and its output half after
     * it, so the cache stores answers scanned and still masked.
     */
    public Builder cache(ResponseCache cache) {
      plugins.cache(cache);
      return this;
    }

    /** Adds an event hook that receives every event. */
    public Builder hook(EventHook hook) {
      return hook(hook, EventFilter.all());
    }

    /** Adds an event hook that receives the events {@code filter} lets through. */
    public Builder hook(EventHook hook, EventFilter filter) {
      observability.hook(hook, filter);
      return this;
    }

    /**
     * How many threads deliver events to hooks (default 1: in order, one at a time). With more,
     * hooks must be thread-safe.
     */
    public Builder hookWorkers(int workers) {
      observability.hookWorkers(workers);
      return this;
    }

    /**
     * Records metrics in this registry: the OpenTelemetry GenAI client metrics and the gateway's
     * {@code aegis.*} meters. Without it nothing is recorded and Micrometer is not needed.
     */
    public Builder meterRegistry(MeterRegistry registry) {
      observability.meterRegistry(registry);
      return this;
    }

    /**
     * Traces requests with this OpenTelemetry instance: an INTERNAL span per request and a CLIENT
     * span per provider call, on the GenAI conventions, child of the caller's current span.
     * Without it nothing is traced and the OpenTelemetry API is not needed.
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      observability.openTelemetry(openTelemetry);
      return this;
    }

    /**
     * Emits the latest GenAI semantic conventions ({@code true}) or those of the last main
     * semantic-conventions release ({@code false}). Unset, the gateway follows
     * {@code OTEL_SEMCONV_STABILITY_OPT_IN} ({@code gen_ai_latest_experimental}); this option wins.
     */
    public Builder semconvLatest(boolean latest) {
      observability.semconvLatest(latest);
      return this;
    }

    /**
     * Tags request meters with the tenant and principal id (default off: both can have many
     * values, which metric backends charge for).
     */
    public Builder principalTags(boolean enabled) {
      observability.principalTags(enabled);
      return this;
    }

    /**
     * Sends the W3C {@code traceparent} (and the OpenTelemetry instance's other propagated
     * headers) to providers, so a provider that traces joins the caller's trace (default off:
     * trace ids then leave the network).
     */
    public Builder propagateTraceContext(boolean enabled) {
      observability.propagateTraceContext(enabled);
      return this;
    }

    /**
     * Logs prompt and completion text in the request log line and records them on the CLIENT span
     * ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}) (default off). Secrets never are.
     */
    public Builder logPrompts(boolean enabled) {
      observability.logPrompts(enabled);
      return this;
    }

    /** Adds a shared store whose health counts for {@link Gateway#health()} readiness. */
    public Builder store(StoreHealthCheck store) {
      observability.store(store);
      return this;
    }

    /**
     * Probes every provider with a {@code models} call on this interval; a failing probe marks
     * its targets unroutable in {@link Gateway#health()} (default: no probe).
     */
    public Builder healthProbe(Duration interval) {
      observability.healthProbe(interval);
      return this;
    }

    /** The monotonic time source (deadlines, breakers, latency). */
    public Builder ticker(Ticker ticker) {
      lifecycle.ticker(ticker);
      return this;
    }

    /** The wall clock (event timestamps, budget periods). */
    public Builder clock(Clock clock) {
      lifecycle.clock(clock);
      return this;
    }

    /**
     * The executor for {@code routeAsync} and stream producers. Default: virtual threads on Java
     * 21+, else a cached pool of daemon threads. A supplied executor is not shut down by close.
     */
    public Builder executor(ExecutorService executor) {
      lifecycle.executor(executor);
      return this;
    }

    /** The scheduler for deadlines and backoff. A supplied scheduler is not shut down by close. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      lifecycle.scheduler(scheduler);
      return this;
    }

    /** The default total deadline of a call (default 10 minutes). */
    public Builder requestTimeout(Duration timeout) {
      resilience.requestTimeout(timeout);
      return this;
    }

    /**
     * The longest silence between two chunks of a stream, for targets that set none (default 5
     * minutes). Streams are not cut by {@link #requestTimeout} once they have started, unless the
     * caller set a timeout in its {@code RequestOptions}.
     */
    public Builder streamIdleTimeout(Duration timeout) {
      resilience.streamIdleTimeout(timeout);
      return this;
    }

    /** How long {@link Gateway#close()} lets in-flight calls finish (default 10 seconds). */
    public Builder closeGracePeriod(Duration grace) {
      lifecycle.closeGracePeriod(grace);
      return this;
    }

    /** The capacity of the hook queue; events beyond it are dropped and counted (default 4096). */
    public Builder hookQueueCapacity(int capacity) {
      observability.hookQueueCapacity(capacity);
      return this;
    }

    /** How retry backoff waits (default: on the scheduler, woken by cancellation). Tests inject a fake. */
    public Builder sleeper(Sleeper sleeper) {
      resilience.sleeper(sleeper);
      return this;
    }

    /**
     * Prices for the {@code cost} strategy, cost accounting, budgets and context windows (default:
     * {@link PriceTable#builtIn()}; extend it with {@code PriceTable.of(...).orElse(PriceTable.builtIn())}).
     */
    public Builder prices(PriceTable prices) {
      routing.prices(prices);
      return this;
    }

    // ------------------------------------------------------------ governance

    /**
     * Enables virtual keys, kept in memory: requests must carry a key as their
     * {@code RequestOptions.credential} (or a host-given principal); manage keys through
     * {@link Gateway#virtualKeys()}.
     */
    public Builder virtualKeys() {
      return virtualKeys(new InMemoryKeyStore());
    }

    /** Enables virtual keys kept in {@code store} (for example on Redis, shared by many instances). */
    public Builder virtualKeys(KeyStore store) {
      governance.virtualKeys(store);
      return this;
    }

    /** Adds a rate limit applied to every request, per value of its scope (each key, tenant, user, model). */
    public Builder limit(RateLimit limit) {
      governance.limit(limit);
      return this;
    }

    /** Where limiter state lives (default: in memory, on the ticker). */
    public Builder limiterStore(LimiterStore store) {
      governance.limiterStore(store);
      return this;
    }

    /** Adds a budget applied to every tenant (or every key, by its scope). Budgets are in USD, as prices are. */
    public Builder budget(Budget budget) {
      governance.budget(budget);
      return this;
    }

    /** Where budget state lives (default: in memory, on the clock). */
    public Builder budgetStore(BudgetStore store) {
      governance.budgetStore(store);
      return this;
    }

    /** Below this share of a budget left, requests are labelled {@code budget=low} (default 0.10). */
    public Builder budgetLowThreshold(double share) {
      governance.budgetLowThreshold(share);
      return this;
    }

    /** Adds a sink that receives one usage record per request, asynchronously, like a hook. */
    public Builder usageSink(UsageSink sink) {
      governance.usageSink(sink);
      return this;
    }

    /** Where aggregated usage lives (default: in memory, minutes for 2 days, hours for 32, days for 400). */
    public Builder usageStore(UsageStore store) {
      governance.usageStore(store);
      return this;
    }

    /** Whether to price answers and record usage (default true). */
    public Builder trackUsage(boolean track) {
      governance.trackUsage(track);
      return this;
    }

    /**
     * The gateway-wide cap on requests in flight: beyond it a request is refused at once with an
     * {@link dev.aegis.api.error.OverloadedException} suggesting {@code retryAfter}, never queued.
     */
    public Builder maxInFlight(int max, Duration retryAfter) {
      governance.maxInFlight(max, retryAfter);
      return this;
    }

    /** How much retries and hedges may add to a target's load (default: 20% over 10 seconds). */
    public Builder retryBudget(RetryBudget budget) {
      resilience.retryBudget(budget);
      return this;
    }

    /** The token estimator for limits, budgets and context windows (default: jtokkit, else chars / 4). */
    public Builder tokenEstimator(TokenEstimator estimator) {
      governance.tokenEstimator(estimator);
      return this;
    }

    /** The output tokens assumed for a request without {@code max_tokens} (default 4096). */
    public Builder defaultMaxTokens(int tokens) {
      governance.defaultMaxTokens(tokens);
      return this;
    }

    /**
     * Builds the gateway.
     *
     * @throws dev.aegis.api.error.ConfigException listing every problem with its path
     */
    public Gateway build() {
      return GatewayReloader.build(this);
    }
  }
}
