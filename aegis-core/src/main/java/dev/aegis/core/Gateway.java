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
import dev.aegis.core.internal.CallListener;
import dev.aegis.core.internal.Engine;
import dev.aegis.core.internal.GatewayAssembler;
import dev.aegis.core.internal.GatewaySpec;
import dev.aegis.core.internal.Governance;
import dev.aegis.core.internal.auth.InMemoryKeyStore;
import dev.aegis.core.internal.HookDispatcher;
import dev.aegis.core.internal.ObservabilitySpec;
import dev.aegis.core.resilience.RetryBudget;
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
   * <p>It is long on purpose, as Caffeine's builder is: every setting of the gateway (routing,
   * resilience, time, and governance — keys, limits, budgets, usage, shedding) is made here, in
   * one place, so the YAML configuration can drive the very same builder.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    final List<Object> providers = new ArrayList<>();
    final List<Boolean> localFlags = new ArrayList<>();
    final Map<String, Strategy> routes = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final List<Plugin> plugins = new ArrayList<>();
    @Nullable ResponseCache cache;
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
    @Nullable KeyStore keyStore;
    final List<RateLimit> limits = new ArrayList<>();
    @Nullable LimiterStore limiterStore;
    final List<Budget> budgets = new ArrayList<>();
    @Nullable BudgetStore budgetStore;
    double budgetLowShare = 0.10;
    final List<UsageSink> usageSinks = new ArrayList<>();
    @Nullable UsageStore usageStore;
    boolean trackUsage = true;
    int maxInFlight;
    Duration overloadRetryAfter = Duration.ofSeconds(1);
    @Nullable TokenEstimator tokenEstimator;
    int defaultMaxTokens = 4096;
    RetryBudget retryBudget = RetryBudget.DEFAULT;
    private boolean pricesSet;
    @Nullable GatewayConfig config;

    Builder() {}

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

    /**
     * Adds a plugin; plugins run in the order added, after the built-in governance. With a
     * {@link #cache cache}, a {@link dev.aegis.api.plugin.SplitPlugin} (the guardrails) is split
     * around it.
     */
    public Builder plugin(Plugin plugin) {
      if (plugin == null) {
        problems.add("plugins[" + plugins.size() + "]: must not be null");
      } else if (plugin == cache) {
        problems.add("plugins[" + plugins.size() + "]: the response cache is already set with cache()");
      } else {
        plugins.add(plugin);
      }
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
      if (cache == null) {
        problems.add("cache: must not be null");
      } else if (this.cache != null) {
        problems.add("cache: a response cache is already set");
      } else if (plugins.contains(cache)) {
        problems.add("cache: the response cache was also added as a plugin");
      } else {
        this.cache = cache;
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

    /**
     * Prices for the {@code cost} strategy, cost accounting, budgets and context windows (default:
     * {@link PriceTable#builtIn()}; extend it with {@code PriceTable.of(...).orElse(PriceTable.builtIn())}).
     */
    public Builder prices(PriceTable prices) {
      if (prices == null) {
        problems.add("prices: must not be null");
      } else {
        this.prices = prices;
        this.pricesSet = true;
      }
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
      if (store == null) {
        problems.add("virtualKeys: the key store must not be null");
      } else {
        this.keyStore = store;
      }
      return this;
    }

    /** Adds a rate limit applied to every request, per value of its scope (each key, tenant, user, model). */
    public Builder limit(RateLimit limit) {
      if (limit == null) {
        problems.add("limits[" + limits.size() + "]: must not be null");
      } else {
        limits.add(limit);
      }
      return this;
    }

    /** Where limiter state lives (default: in memory, on the ticker). */
    public Builder limiterStore(LimiterStore store) {
      if (store == null) {
        problems.add("limiterStore: must not be null");
      } else {
        this.limiterStore = store;
      }
      return this;
    }

    /** Adds a budget applied to every tenant (or every key, by its scope). Budgets are in USD, as prices are. */
    public Builder budget(Budget budget) {
      if (budget == null) {
        problems.add("budgets[" + budgets.size() + "]: must not be null");
      } else if (!"USD".equals(budget.currency())) {
        problems.add("budgets." + budget.name() + ".currency: must be USD, the price table's currency, but was "
            + budget.currency());
      } else {
        budgets.add(budget);
      }
      return this;
    }

    /** Where budget state lives (default: in memory, on the clock). */
    public Builder budgetStore(BudgetStore store) {
      if (store == null) {
        problems.add("budgetStore: must not be null");
      } else {
        this.budgetStore = store;
      }
      return this;
    }

    /** Below this share of a budget left, requests are labelled {@code budget=low} (default 0.10). */
    public Builder budgetLowThreshold(double share) {
      if (!(share >= 0 && share <= 1)) {
        problems.add("budgetLowThreshold: must be between 0 and 1 but was " + share);
      } else {
        this.budgetLowShare = share;
      }
      return this;
    }

    /** Adds a sink that receives one usage record per request, asynchronously, like a hook. */
    public Builder usageSink(UsageSink sink) {
      if (sink == null) {
        problems.add("usageSinks[" + usageSinks.size() + "]: must not be null");
      } else {
        usageSinks.add(sink);
      }
      return this;
    }

    /** Where aggregated usage lives (default: in memory, minutes for 2 days, hours for 32, days for 400). */
    public Builder usageStore(UsageStore store) {
      if (store == null) {
        problems.add("usageStore: must not be null");
      } else {
        this.usageStore = store;
      }
      return this;
    }

    /** Whether to price answers and record usage (default true). */
    public Builder trackUsage(boolean track) {
      this.trackUsage = track;
      return this;
    }

    /**
     * The gateway-wide cap on requests in flight: beyond it a request is refused at once with an
     * {@link dev.aegis.api.error.OverloadedException} suggesting {@code retryAfter}, never queued.
     */
    public Builder maxInFlight(int max, Duration retryAfter) {
      if (max < 1) {
        problems.add("maxInFlight: must be at least 1 but was " + max);
      } else if (retryAfter == null || retryAfter.isNegative()) {
        problems.add("maxInFlight.retryAfter: must be a non-negative duration but was " + retryAfter);
      } else {
        this.maxInFlight = max;
        this.overloadRetryAfter = retryAfter;
      }
      return this;
    }

    /** How much retries and hedges may add to a target's load (default: 20% over 10 seconds). */
    public Builder retryBudget(RetryBudget budget) {
      if (budget == null) {
        problems.add("retryBudget: must not be null");
      } else {
        this.retryBudget = budget;
      }
      return this;
    }

    /** The token estimator for limits, budgets and context windows (default: jtokkit, else chars / 4). */
    public Builder tokenEstimator(TokenEstimator estimator) {
      if (estimator == null) {
        problems.add("tokenEstimator: must not be null");
      } else {
        this.tokenEstimator = estimator;
      }
      return this;
    }

    /** The output tokens assumed for a request without {@code max_tokens} (default 4096). */
    public Builder defaultMaxTokens(int tokens) {
      if (tokens < 1) {
        problems.add("defaultMaxTokens: must be at least 1 but was " + tokens);
      } else {
        this.defaultMaxTokens = tokens;
      }
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

    /** The build itself, on a builder the configuration (if any) was applied to. */
    Gateway assemble() {
      PriceTable table = effectivePrices();
      Governance governance = governance(table, null);
      ProviderContext context = ProviderContext.create();
      try {
        return new Gateway(GatewayAssembler.assemble(spec(governance, table), context), context, governance);
      } catch (RuntimeException e) {
        context.close();
        governance.close();
        throw e;
      }
    }

    PriceTable effectivePrices() {
      return pricesSet ? prices : PriceTable.builtIn();
    }

    Governance governance(PriceTable table, @Nullable Governance previous) {
      return Governance.assemble(new Governance.Settings(keyStore, limits, limiterStore, budgets,
          budgetStore, budgetLowShare, usageSinks, usageStore, trackUsage, maxInFlight, overloadRetryAfter,
          tokenEstimator, defaultMaxTokens, closeGrace), providers, routes, defaultRoute, table, ticker, clock,
          hookQueueCapacity, previous);
    }

    GatewaySpec spec(Governance governance, PriceTable table) {
      return new GatewaySpec(providers, localFlags, routes, defaultRoute,
          problems, governance.plugins(plugins, cache), hooks, hookWorkers, ticker, clock, executor, scheduler,
          requestTimeout, closeGrace, hookQueueCapacity, sleeper, table, streamIdleTimeout, CallListener.NOOP,
          new ObservabilitySpec(meterRegistry, openTelemetry, semconvLatest, principalTags, propagateTraceContext,
              logPrompts, List.copyOf(stores), healthProbe), retryBudget);
    }
  }
}
