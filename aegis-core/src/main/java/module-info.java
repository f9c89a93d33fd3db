/**
 * The Aegis engine: {@link dev.aegis.core.Gateway} and its builder, routing strategies and
 * resilience policies. Provider types named in configuration are found through
 * {@link dev.aegis.api.provider.ProviderFactory} services.
 *
 * <p>{@code dev.aegis.core.internal} (the pipeline) is not exported.
 */
module dev.aegis.core {
  requires transitive dev.aegis.api;
  requires static org.jspecify;
  requires dev.failsafe.core;
  requires org.slf4j;
  requires com.github.benmanes.caffeine;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  // jtokkit ships no descriptor: its automatic module name comes from the jar name
  requires jtokkit;
  // optional: metrics and traces load only when the host configures a registry or a tracer
  requires static micrometer.core;
  requires static io.opentelemetry.api;
  requires static io.opentelemetry.context;

  exports dev.aegis.core;
  exports dev.aegis.core.cache;
  exports dev.aegis.core.config;
  exports dev.aegis.core.resilience;
  exports dev.aegis.core.routing;

  uses dev.aegis.api.provider.ProviderFactory;
  uses dev.aegis.api.config.PluginFactory;
  uses dev.aegis.api.config.GuardrailFactory;
  uses dev.aegis.api.config.StoreFactory;
  uses dev.aegis.api.config.SecretResolver;
  uses dev.aegis.core.config.StrategyFactory;
  provides dev.aegis.core.config.StrategyFactory with
      dev.aegis.core.config.internal.BuiltInStrategies.Single,
      dev.aegis.core.config.internal.BuiltInStrategies.Fallback,
      dev.aegis.core.config.internal.BuiltInStrategies.Weighted,
      dev.aegis.core.config.internal.BuiltInStrategies.Conditional,
      dev.aegis.core.config.internal.BuiltInStrategies.LeastLatency,
      dev.aegis.core.config.internal.BuiltInStrategies.Cost,
      dev.aegis.core.config.internal.BuiltInStrategies.Hedged;
  provides dev.aegis.api.config.PluginFactory with dev.aegis.core.config.internal.CachePluginFactory;
  provides dev.aegis.api.config.StoreFactory with dev.aegis.core.config.internal.MemoryStoreFactory;
  provides dev.aegis.api.guardrail.TokenEstimator with dev.aegis.core.internal.tokens.JtokkitEstimator;
}
