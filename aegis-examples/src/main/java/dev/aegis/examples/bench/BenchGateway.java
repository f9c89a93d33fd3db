package dev.aegis.examples.bench;

import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.guardrails.GuardrailPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The gateway the load benchmark measures, with the plugins a production deployment would run:
 * virtual-key authentication, the default PII and secrets guardrails, a per-key rate limit set
 * far above what the benchmark sends, a fallback route over two OpenAI providers on the same
 * upstream, and Micrometer metrics. Its alias is the upstream's model name, so every server of the
 * benchmark receives the same request body.
 *
 * <p>Not meant to be shared: the benchmark owns the gateway it builds.
 */
public final class BenchGateway {
  private BenchGateway() {}

  /** The gateway, and the virtual key that callers must send. Immutable. */
  public record Built(Gateway gateway, String key) {}

  /** Builds the gateway over {@code upstream} ({@code http://host:port}) recording into {@code metrics}. */
  public static Built build(String upstream, MeterRegistry metrics) {
    Gateway gateway = Gateway.builder()
        .provider(openAi("primary", upstream))
        .provider(openAi("secondary", upstream))
        .route(OpenAiUpstream.MODEL, Strategy.fallback(
            Target.of("primary", OpenAiUpstream.MODEL), Target.of("secondary", OpenAiUpstream.MODEL)))
        .virtualKeys()
        .limit(RateLimit.requests(RateLimit.Scope.KEY, 1_000_000_000L, Duration.ofMinutes(1)))
        .plugin(GuardrailPlugin.defaults())
        .meterRegistry(metrics)
        .build();
    String key = gateway.virtualKeys().issue(VirtualKey.builder().tenant("bench").name("load")
        .allowModel(OpenAiUpstream.MODEL).build()).secret();
    return new Built(gateway, key);
  }

  private static ProviderConfig openAi(String name, String upstream) {
    return ProviderConfig.builder(name, "openai").baseUrl(upstream + "/v1")
        .credentials(CredentialProvider.apiKey("sk-bench-upstream")).build();
  }
}
