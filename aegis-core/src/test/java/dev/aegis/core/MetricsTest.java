package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.GuardrailTriggered;
import dev.aegis.api.event.LimitHit;
import dev.aegis.api.event.RequestInfo;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.core.internal.telemetry.GenAiConventions;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private final FakeTime time = new FakeTime();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().model("smart").addMessage(Message.user("hi")).maxTokens(64).build();
  }

  private Gateway.Builder builder(ScriptedProvider provider) {
    return Gateway.builder().provider(provider).ticker(time).sleeper(time).meterRegistry(registry)
        .route("smart", Strategy.single(Target.of(provider.name(), "gpt-4o")));
  }

  private static final String[] CLIENT_TAGS = {GenAiConventions.OPERATION_NAME, "chat",
      GenAiConventions.PROVIDER_NAME, "openai", GenAiConventions.REQUEST_MODEL, "gpt-4o",
      GenAiConventions.RESPONSE_MODEL, ScriptedProvider.RESPONSE_MODEL};

  @Test
  void routeRecordsTheMainReleaseNamesByDefault() {
    gateway = builder(ScriptedProvider.openai(time)).semconvLatest(false).build();
    gateway.route(ask());

    var duration = registry.get("gen_ai.client.operation.duration").tags(CLIENT_TAGS).timer();
    assertThat(duration.count()).isEqualTo(1);
    assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250.0);
    var input = registry.get("gen_ai.client.token.usage").tags(CLIENT_TAGS).tag(GenAiConventions.TOKEN_TYPE, "input")
        .summary();
    var output = registry.get("gen_ai.client.token.usage").tags(CLIENT_TAGS)
        .tag(GenAiConventions.TOKEN_TYPE, "output").summary();
    assertThat(input.count()).isEqualTo(1);
    assertThat(input.totalAmount()).isEqualTo(12.0);
    assertThat(output.totalAmount()).isEqualTo(5.0);
    assertThat(registry.get("aegis.requests").tags("door", "route", "outcome", "success").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("aegis.requests").tags("door", "route", "outcome", "success").timer()
        .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250.0);
    assertThat(registry.get("aegis.attempts").tags("target", "openai/gpt-4o", "outcome", "success").counter().count())
        .isEqualTo(1.0);
    assertThat(names()).doesNotContain("gen_ai.client.inference.duration",
        "gen_ai.client.inference.usage.input_tokens");
    assertThat(registry.get("aegis.requests.in_flight").gauge().value()).isEqualTo(0.0);
    assertThat(registry.get("aegis.circuit.state").tag("target", "openai/gpt-4o").gauge().value()).isEqualTo(0.0);
    assertThat(registry.get("aegis.hook.events.dropped").functionCounter().count()).isEqualTo(0.0);
  }

  @Test
  void streamRecordsTheLatestNamesWhenOptedIn() {
    gateway = builder(ScriptedProvider.openai(time)).semconvLatest(true).build();
    gateway.routeStream(ask()).collect();

    var duration = registry.get("gen_ai.client.inference.duration").tags(CLIENT_TAGS).timer();
    assertThat(duration.count()).isEqualTo(1);
    assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300.0);
    var ttfc = registry.get("gen_ai.client.inference.time_to_first_chunk").tags(CLIENT_TAGS).timer();
    assertThat(ttfc.count()).isEqualTo(1);
    assertThat(ttfc.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(100.0);
    var perChunk = registry.get("gen_ai.client.inference.time_per_output_chunk").tags(CLIENT_TAGS).timer();
    assertThat(perChunk.count()).isEqualTo(2);
    assertThat(perChunk.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(200.0);
    assertThat(counter("gen_ai.client.inference.usage.input_tokens")).isEqualTo(12.0);
    assertThat(counter("gen_ai.client.inference.usage.output_tokens")).isEqualTo(5.0);
    assertThat(counter("gen_ai.client.inference.usage.cache_read.input_tokens")).isEqualTo(4.0);
    assertThat(counter("gen_ai.client.inference.usage.cache_write.input_tokens")).isEqualTo(2.0);
    assertThat(counter("gen_ai.client.inference.usage.reasoning.output_tokens")).isEqualTo(1.0);
    assertThat(registry.get("aegis.requests").tags("door", "stream", "outcome", "success").timer().count())
        .isEqualTo(1);
    assertThat(names()).doesNotContain("gen_ai.client.operation.duration", "gen_ai.client.token.usage",
        "gen_ai.client.operation.time_to_first_chunk");
  }

  private double counter(String name) {
    return registry.get(name).tags(CLIENT_TAGS).counter().count();
  }

  private List<String> names() {
    return registry.getMeters().stream().map(m -> m.getId().getName()).distinct().sorted().collect(Collectors.toList());
  }

  @Test
  void theEnvironmentVariableOptsInOnlyWithTheGenAiValue() {
    assertThat(GenAiConventions.optsIn("http,gen_ai_latest_experimental")).isTrue();
    assertThat(GenAiConventions.optsIn(" gen_ai_latest_experimental ")).isTrue();
    assertThat(GenAiConventions.optsIn("http,database")).isFalse();
    assertThat(GenAiConventions.optsIn(null)).isFalse();
    // the builder option wins over whatever the environment says
    assertThat(GenAiConventions.resolve(true).duration()).isEqualTo("gen_ai.client.inference.duration");
    assertThat(GenAiConventions.resolve(false).duration()).isEqualTo("gen_ai.client.operation.duration");
    assertThat(GenAiConventions.resolve(null).isLatest())
        .isEqualTo(GenAiConventions.optsIn(System.getenv("OTEL_SEMCONV_STABILITY_OPT_IN")));
    assertThat(GenAiConventions.providerName("azure")).isEqualTo("azure.ai.openai");
    assertThat(GenAiConventions.providerName("bedrock")).isEqualTo("aws.bedrock");
    assertThat(GenAiConventions.providerName("gemini")).isEqualTo("gcp.gemini");
    assertThat(GenAiConventions.providerName("mistral")).isEqualTo("mistral_ai");
    assertThat(GenAiConventions.providerName("xai")).isEqualTo("x_ai");
    assertThat(GenAiConventions.providerName("ollama")).isEqualTo("ollama");
  }

  @Test
  void retriesFallbacksAndErrorTypesAreCounted() {
    ScriptedProvider a = ScriptedProvider.openai(time).failWith(503, 503);
    ScriptedProvider b = new ScriptedProvider("backup", "anthropic", null, time, null);
    gateway = Gateway.builder().provider(a).provider(b).ticker(time).sleeper(time).meterRegistry(registry)
        .semconvLatest(false)
        .route("smart", ScriptedProvider.retryThenFallback())
        .build();
    gateway.route(ask());

    assertThat(registry.get("aegis.attempts").tags("target", "primary", "outcome", "failure").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get("aegis.retries").tag("target", "primary").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("aegis.fallbacks").tag("target", "primary").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("aegis.attempts").tags("target", "secondary", "outcome", "success").counter().count())
        .isEqualTo(1.0);
    var failed = registry.get("gen_ai.client.operation.duration").tags(GenAiConventions.OPERATION_NAME, "chat",
        GenAiConventions.PROVIDER_NAME, "openai", GenAiConventions.REQUEST_MODEL, "gpt-4o",
        GenAiConventions.ERROR_TYPE, "503").timer();
    assertThat(failed.count()).isEqualTo(1);
    assertThat(failed.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(500.0);
    var served = registry.get("gen_ai.client.operation.duration").tags(GenAiConventions.PROVIDER_NAME, "anthropic",
        GenAiConventions.REQUEST_MODEL, "claude", GenAiConventions.RESPONSE_MODEL, ScriptedProvider.RESPONSE_MODEL)
        .timer();
    assertThat(served.count()).isEqualTo(1);
    // the same tag keys on every meter of a name (Prometheus requires it): no error is the empty value
    assertThat(served.getId().getTag(GenAiConventions.ERROR_TYPE)).isEmpty();
    assertThat(registry.get("aegis.requests").tags("door", "route", "outcome", "success").timer().count())
        .isEqualTo(1);
  }

  @Test
  void aFailedRequestIsCountedByOutcome() {
    gateway = builder(ScriptedProvider.openai(time).failWith(400)).build();
    assertThatThrownBy(() -> gateway.route(ask())).isInstanceOf(GatewayException.class);
    assertThat(registry.get("aegis.requests").tags("door", "route", "outcome", "failure").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("aegis.requests").tags("door", "route", "outcome", "success").timer().count())
        .isEqualTo(0);
  }

  @Test
  void tenantAndPrincipalAreTagsOnlyWhenOptedIn() {
    gateway = builder(ScriptedProvider.openai(time)).principalTags(true).build();
    gateway.route(ask(), RequestOptions.builder().principal(Principal.of("alice", "acme")).build());
    assertThat(registry.get("aegis.requests").tags("door", "route", "outcome", "success", "tenant", "acme",
        "principal", "alice").timer().count()).isEqualTo(1);

    SimpleMeterRegistry plain = new SimpleMeterRegistry();
    try (Gateway g = Gateway.builder().provider(ScriptedProvider.openai(time)).ticker(time).meterRegistry(plain)
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build()) {
      g.route(ask(), RequestOptions.builder().principal(Principal.of("alice", "acme")).build());
    }
    assertThat(plain.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
        .noneMatch(t -> t.getKey().equals("tenant") || t.getKey().equals("principal")));
  }

  @Test
  void pluginEventsBecomeGuardrailAndLimitMeters() {
    Plugin publisher = new Plugin() {
      @Override
      public String name() {
        return "publisher";
      }

      @Override
      public RequestDecision onRequest(Exchange ex) {
        RequestInfo info = RequestInfo.of(ex.requestId(), ex.principal(), ex.requestedModel());
        ex.publish(new GuardrailTriggered(Instant.EPOCH, ex.requestId(), "guardrails", "pii-email", "redact", "input",
            List.of("EMAIL")));
        ex.publish(new LimitHit(Instant.EPOCH, info, "requests-per-minute", "key", Duration.ofSeconds(3)));
        return RequestDecision.proceed();
      }
    };
    gateway = builder(ScriptedProvider.openai(time)).plugin(publisher).build();
    gateway.route(ask());
    assertThat(registry.get("aegis.guardrail.verdicts").tags("rule", "pii-email", "action", "redact", "direction",
        "input").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("aegis.ratelimit.rejections").tags("limit", "requests-per-minute", "scope", "key")
        .counter().count()).isEqualTo(1.0);
  }

  @Test
  void withoutARegistryNothingIsRecorded() {
    gateway = Gateway.builder().provider(ScriptedProvider.openai(time)).ticker(time)
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build();
    gateway.route(ask());
    assertThat(registry.getMeters()).extracting(Meter::getId).isEmpty();
  }

  @Test
  void costIsCountedByProviderAndModel() {
    gateway = builder(ScriptedProvider.openai(time).cost(new java.math.BigDecimal("0.0042"))).build();
    gateway.route(ask());
    gateway.route(ask());
    var cost = registry.get("aegis.cost").tags("provider", "openai", "model", ScriptedProvider.RESPONSE_MODEL).counter();
    assertThat(cost.count()).isEqualTo(0.0084);
    assertThat(cost.getId().getBaseUnit()).isEqualTo("usd");
  }
}
