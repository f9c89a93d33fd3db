package dev.aegis.core.config.internal;

import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.SettingsSpec;
import dev.aegis.core.config.StrategyFactory;

/**
 * The declared settings of the file's top level and of the gateway's built-in sections (virtual
 * keys, limits, budgets, usage, load shedding, retry budget, context window, prices, telemetry,
 * health). Types named by {@code type} add theirs through their factories.
 */
public final class Schema {
  private Schema() {}

  static Setting s(String name, SettingType type, String doc) {
    return Setting.builder(name, type).doc(doc).build();
  }

  static Setting s(String name, SettingType type, String doc, String defaultValue) {
    return Setting.builder(name, type).doc(doc).defaultValue(defaultValue).build();
  }

  static Setting positive(String name, SettingType type, String doc, String defaultValue) {
    return Setting.builder(name, type).doc(doc).defaultValue(defaultValue).min(0, true).build();
  }

  static Setting object(String name, String doc, SettingsSpec nested) {
    return Setting.builder(name, SettingType.OBJECT).doc(doc).nested(nested).build();
  }

  /** The settings every provider has, before its type's options. */
  public static final SettingsSpec PROVIDER = SettingsSpec.of(
      Setting.builder("type", SettingType.STRING).doc("The provider type, e.g. openai, anthropic, ollama.").required()
          .build(),
      s("apiKey", SettingType.SECRET, "The API key, usually a reference such as ${env:OPENAI_API_KEY}."),
      s("baseUrl", SettingType.STRING, "The endpoint; default: the provider's public one."),
      s("local", SettingType.BOOLEAN, "Inside the network boundary: may receive RESTRICTED data.", "false"),
      positive("connectTimeout", SettingType.DURATION, "How long connecting may take.", "10s"),
      positive("readTimeout", SettingType.DURATION, "The longest silence while reading a response.", "120s"),
      s("headers", SettingType.STRING_MAP, "Headers sent on every request; values may be secret references."),
      s("tags", SettingType.STRING_LIST, "Tags every target on this provider carries, merged with the target's own."));

  public static final SettingsSpec RETRY = SettingsSpec.of(
      positive("maxAttempts", SettingType.INTEGER, "Attempts in all, the first included.", "1"),
      s("initialDelay", SettingType.DURATION, "The first backoff.", "200ms"),
      s("maxDelay", SettingType.DURATION, "The longest backoff.", "10s"),
      Setting.builder("multiplier", SettingType.DECIMAL).doc("Backoff growth per attempt.").defaultValue("2.0")
          .min(1, false).build(),
      s("maxRetryAfter", SettingType.DURATION, "The longest Retry-After honoured.", "30s"));

  public static final SettingsSpec BREAKER = SettingsSpec.of(
      s("enabled", SettingType.BOOLEAN, "Whether the target has a circuit breaker.", "true"),
      positive("consecutiveFailures", SettingType.INTEGER, "Failures in a row that open the circuit.", "5"),
      Setting.builder("failureRateThreshold", SettingType.DECIMAL).doc("The failure share over the window that opens it.")
          .defaultValue("0.5").min(0, true).build(),
      positive("window", SettingType.INTEGER, "Outcomes in the failure-rate window.", "20"),
      positive("minimumRequests", SettingType.INTEGER, "Outcomes before the rate counts.", "10"),
      positive("openDuration", SettingType.DURATION, "How long it stays open before probing.", "30s"),
      positive("halfOpenProbes", SettingType.INTEGER, "Probes let through when half-open.", "1"),
      s("countRateLimits", SettingType.BOOLEAN, "Whether 429 answers count as failures.", "true"));

  public static final SettingsSpec LIMIT = SettingsSpec.of(
      s("name", SettingType.STRING, "The name reported when the limit is hit; default: scope.kind."),
      Setting.builder("scope", SettingType.STRING).doc("Whose allowance it is.").allowed("key", "tenant", "user", "model")
          .required().build(),
      Setting.builder("kind", SettingType.STRING).doc("What is counted.").allowed("requests", "tokens", "concurrent")
          .required().build(),
      Setting.builder("amount", SettingType.INTEGER).doc("The allowance.").min(0, true).required().build(),
      positive("per", SettingType.DURATION, "The interval (not for concurrent).", "1m"));

  public static final SettingsSpec BUDGET = SettingsSpec.of(
      Setting.builder("name", SettingType.STRING).doc("The name reported when the budget is exceeded.").required()
          .build(),
      Setting.builder("scope", SettingType.STRING).doc("Whose budget it is.").allowed("key", "tenant").defaultValue(
          "tenant").build(),
      Setting.builder("amount", SettingType.DECIMAL).doc("The cap per period, in USD.").min(0, true).required().build(),
      Setting.builder("period", SettingType.STRING).doc("The calendar period.").allowed("daily", "weekly", "monthly")
          .required().build(),
      s("zone", SettingType.STRING, "The time zone whose calendar the period follows.", "UTC"));

  public static final SettingsSpec PRICE = SettingsSpec.of(
      Setting.builder("input", SettingType.DECIMAL).doc("USD per million input tokens.").min(0, false).required()
          .build(),
      Setting.builder("output", SettingType.DECIMAL).doc("USD per million output tokens.").min(0, false).required()
          .build(),
      s("cacheRead", SettingType.DECIMAL, "USD per million cache-read tokens."),
      s("cacheWrite5m", SettingType.DECIMAL, "USD per million tokens written to the cache for 5 minutes."),
      s("cacheWrite1h", SettingType.DECIMAL, "USD per million tokens written to the cache for 1 hour."),
      s("contextWindow", SettingType.INTEGER, "The context window in tokens."));

  /** The file's top level. */
  public static final SettingsSpec ROOT = SettingsSpec.of(
      Setting.builder("providers", SettingType.OBJECT_MAP).doc("Provider instances by name.").required()
          .nested(PROVIDER).typed("provider").build(),
      Setting.builder("routes", SettingType.OBJECT_MAP).doc("Model aliases and their strategies.").required()
          .nested(StrategyFactory.MEMBER).typed("strategy").build(),
      s("defaultRoute", SettingType.STRING, "The route for requests that name no model."),
      Setting.builder("plugins", SettingType.OBJECT_LIST).doc("Plugins by type, run in order after those set in code.")
          .nested(SettingsSpec.of(Setting.builder("type", SettingType.STRING).doc("The plugin type.").required().build()))
          .typed("plugin").build(),
      Setting.builder("stores", SettingType.OBJECT_MAP).doc("Shared state stores by name; memory is built in.")
          .nested(SettingsSpec.of(Setting.builder("type", SettingType.STRING).doc("The store type.").required().build()))
          .typed("store").build(),
      object("virtualKeys", "Virtual keys: requests must carry one.", SettingsSpec.of(
          s("enabled", SettingType.BOOLEAN, "Whether requests need a virtual key.", "true"),
          s("store", SettingType.STRING, "The store keeping the keys.", "memory"))),
      object("limits", "Rate limits applied to every request.", SettingsSpec.of(
          s("store", SettingType.STRING, "The store keeping limiter state.", "memory"),
          Setting.builder("rules", SettingType.OBJECT_LIST).doc("The limits.").nested(LIMIT).build())),
      object("budgets", "Spending caps per tenant or key.", SettingsSpec.of(
          s("store", SettingType.STRING, "The store keeping budget state.", "memory"),
          Setting.builder("lowThreshold", SettingType.DECIMAL).doc("Below this share left, requests get budget=low.")
              .defaultValue("0.1").min(0, false).build(),
          Setting.builder("rules", SettingType.OBJECT_LIST).doc("The budgets.").nested(BUDGET).build())),
      object("usage", "Usage and cost accounting.", SettingsSpec.of(
          s("track", SettingType.BOOLEAN, "Whether to price answers and record usage.", "true"),
          s("store", SettingType.STRING, "The store keeping usage buckets.", "memory"))),
      object("loadShedding", "The gateway-wide cap on requests in flight.", SettingsSpec.of(
          Setting.builder("maxInFlight", SettingType.INTEGER).doc("Requests in flight beyond which new ones are refused.")
              .min(0, true).required().build(),
          s("retryAfter", SettingType.DURATION, "The retry-after suggested when refusing.", "1s"))),
      object("retryBudget", "How much retries and hedges may add to a target's load.", SettingsSpec.of(
          Setting.builder("ratio", SettingType.DECIMAL).doc("Retries as a share of requests.").defaultValue("0.2")
              .min(0, false).build(),
          positive("window", SettingType.DURATION, "The sliding window.", "10s"),
          Setting.builder("minPerWindow", SettingType.INTEGER).doc("Retries always allowed per window.")
              .defaultValue("3").min(0, false).build())),
      object("contextWindow", "Token estimates for limits, budgets and context-window checks.", SettingsSpec.of(
          positive("defaultMaxTokens", SettingType.INTEGER, "Output tokens assumed without max_tokens.", "4096"))),
      Setting.builder("prices", SettingType.OBJECT_MAP)
          .doc("Prices by provider-type/model, ahead of the built-in table.").nested(PRICE).build(),
      object("telemetry", "Metrics and traces options (the registry and tracer are given in code).", SettingsSpec.of(
          s("semconvLatest", SettingType.BOOLEAN, "Emit the latest GenAI conventions; default: OTEL_SEMCONV_STABILITY_OPT_IN."),
          s("principalTags", SettingType.BOOLEAN, "Tag request meters with tenant and principal.", "false"),
          s("propagateTraceContext", SettingType.BOOLEAN, "Send traceparent to providers.", "false"),
          s("logPrompts", SettingType.BOOLEAN, "Log prompt and completion text.", "false"))),
      object("health", "Readiness.", SettingsSpec.of(
          positive("probe", SettingType.DURATION, "Probe every provider on this interval; default: no probe.", "0s")
              .toBuilder().defaultValue(null).build())),
      positive("requestTimeout", SettingType.DURATION, "The default total deadline of a call.", "10m"),
      positive("streamIdleTimeout", SettingType.DURATION, "The longest silence between two stream chunks.", "5m"),
      Setting.builder("closeGracePeriod", SettingType.DURATION).doc("How long close lets calls finish.")
          .defaultValue("10s").min(0, false).build(),
      Setting.builder("hookWorkers", SettingType.INTEGER).doc("Threads delivering events to hooks.").defaultValue("1")
          .min(1, false).build(),
      Setting.builder("hookQueueCapacity", SettingType.INTEGER).doc("Events queued for hooks before dropping.")
          .defaultValue("4096").min(1, false).build());

  /** The settings of each target ({@code type: single}). */
  public static final SettingsSpec TARGET = SettingsSpec.of(
      Setting.builder("provider", SettingType.STRING).doc("The provider instance.").required().build(),
      s("model", SettingType.STRING, "The upstream model; default: the one requested."),
      s("name", SettingType.STRING, "The target name (state, metrics); default: provider/model."),
      s("tags", SettingType.STRING_LIST, "Tags plugins can select on."),
      s("params", SettingType.STRING_MAP, "Request parameters set on every call (numbers and booleans as such)."),
      s("headers", SettingType.STRING_MAP, "Headers added to this target's calls."),
      object("retry", "Retries with exponential backoff.", RETRY),
      object("circuitBreaker", "The target's circuit breaker.", BREAKER),
      positive("attemptTimeout", SettingType.DURATION, "The deadline of one attempt.", "0s").toBuilder()
          .defaultValue(null).build(),
      positive("firstChunkTimeout", SettingType.DURATION, "The longest wait for a stream's first chunk.", "0s")
          .toBuilder().defaultValue(null).build(),
      positive("idleTimeout", SettingType.DURATION, "The longest silence between stream chunks.", "0s").toBuilder()
          .defaultValue(null).build(),
      Setting.builder("maxConcurrency", SettingType.INTEGER).doc("Calls in flight at once (bulkhead); 0: no limit.")
          .defaultValue("0").min(0, false).build());
}
