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
  // jtokkit ships no descriptor: its automatic module name comes from the jar name
  requires jtokkit;
  // optional: metrics and traces load only when the host configures a registry or a tracer
  requires static micrometer.core;
  requires static io.opentelemetry.api;
  requires static io.opentelemetry.context;

  exports dev.aegis.core;
  exports dev.aegis.core.cache;
  exports dev.aegis.core.resilience;
  exports dev.aegis.core.routing;

  uses dev.aegis.api.provider.ProviderFactory;
  provides dev.aegis.api.guardrail.TokenEstimator with dev.aegis.core.internal.tokens.JtokkitEstimator;
}
