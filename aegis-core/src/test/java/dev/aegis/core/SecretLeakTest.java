package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.event.RequestCompleted;
import dev.aegis.api.event.RequestFailed;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A full run on all doors, with failures, retries and a fallback, with metrics, traces, hooks and
 * DEBUG logs on; then everything it produced is scanned for the secrets and the raw PII it was
 * given. None may appear: not in logs, exception messages, events, outcomes (usage records),
 * metric tags, span attributes and events, the health report, or any {@code toString()}.
 */
class SecretLeakTest {
  private static final String PROVIDER_KEY = "sk-proj-Q7w9Zr2Lm4Xc8Vb1Nn3Kk5";
  private static final String RESOLVED_SECRET = "rslvd-9f8e7d6c5b4a-env-secret";
  private static final String VIRTUAL_KEY = "vk-live-77aa88bb99cc00dd";
  private static final String EMAIL = "jane.roe@example.org";
  private static final String CARD = "4111 1111 1111 1111";

  @Test
  void nothingProducedByAFullRunContainsASecretOrRawPii() {
    FakeTime time = new FakeTime();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
    List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    List<String> seen = new ArrayList<>();
    Plugin recorder = new Plugin() {
      @Override
      public String name() {
        return "recorder";
      }

      @Override
      public void onComplete(Exchange exchange, Outcome outcome) {
        outcomes.add(outcome);
      }
    };
    ScriptedProvider primary = new ScriptedProvider("openai", "openai", null, time, PROVIDER_KEY)
        .failWith(503, 503, 503, 503, 503, 503, 401);
    ScriptedProvider backup = new ScriptedProvider("backup", "anthropic", null, time, RESOLVED_SECRET);
    CapturedLogs.start();
    try (Gateway gateway = Gateway.builder().provider(primary).provider(backup).ticker(time).sleeper(time)
        .meterRegistry(registry).openTelemetry(otel).propagateTraceContext(true).plugin(recorder).hook(events::add)
        .route("smart", Strategy.fallback(
            Target.builder("primary").provider("openai").model("gpt-4o")
                .header("Authorization", "Bearer " + PROVIDER_KEY)
                .retry(RetryPolicy.builder().maxAttempts(2).initialDelay(Duration.ofMillis(5)).build()).build(),
            Target.builder("secondary").provider("backup").model("claude")
                .header("x-api-key", RESOLVED_SECRET).build()))
        .route("solo", Strategy.single(Target.builder("only").provider("openai").model("gpt-4o")
            .header("Authorization", "Bearer " + PROVIDER_KEY).build()))
        .build()) {
      RequestOptions options = RequestOptions.builder().credential(VIRTUAL_KEY)
          .principal(Principal.of("alice", "acme")).metadata(Map.of("team", "search")).build();
      ChatRequest ask = ChatRequest.builder().model("smart")
          .addMessage(Message.user("My email is " + EMAIL + " and my card is " + CARD)).build();
      for (Door door : Door.values()) {
        ChatResponse r = door.call(gateway, ask, options);
        seen.add(r.toString());
        seen.add(r.metadata().toString());
      }
      // each door: two 503s on the primary, then the backup; last, a 401 on a single-target route
      Throwable failure = null;
      try {
        gateway.route(ask.toBuilder().model("solo").build(), options);
      } catch (RuntimeException e) {
        failure = e;
      }
      assertThat(failure).isNotNull();
      for (Throwable c = failure; c != null; c = c.getCause()) {
        seen.add(c.toString());
      }
      seen.add(options.toString());
      seen.add(ask.toString());
      seen.add(gateway.toString());
      seen.add(gateway.stats().toString());
      seen.add(gateway.health().toString());
      Await.until("every request's end delivered", () -> events.stream()
          .filter(e -> e instanceof RequestCompleted || e instanceof RequestFailed).count() == 4);
    }
    List<CapturedLogs.Line> logs = CapturedLogs.stop();
    List<SpanData> finished = spans.getFinishedSpanItems();
    tracerProvider.close();

    StringBuilder all = new StringBuilder();
    seen.forEach(s -> all.append(s).append('\n'));
    logs.forEach(l -> all.append(l).append('\n'));
    events.forEach(e -> all.append(e).append('\n'));
    outcomes.forEach(o -> all.append(o).append('\n'));
    for (Meter m : registry.getMeters()) {
      all.append(m.getId()).append('\n');
    }
    for (SpanData s : finished) {
      all.append(s).append('\n');
    }
    String haystack = all.toString();

    // the scan covered real output: ids, names and every kind of source are in it
    assertThat(haystack).contains("request completed", "request failed", "gen_ai.client.operation.duration",
        "aegis chat smart", "AttemptFailed[", "FallbackTaken[", "RequestCompleted[", "RequestFailed[", "alice",
        "HealthReport[", "Outcome[");
    assertThat(logs).anySatisfy(l -> assertThat(l.value("principal")).isEqualTo("alice"));
    assertThat(primary.headers).anySatisfy(h -> assertThat(h.get("Authorization")).isEqualTo("Bearer " + PROVIDER_KEY));
    for (String secret : List.of(PROVIDER_KEY, RESOLVED_SECRET, VIRTUAL_KEY, EMAIL, CARD, "jane.roe", "1111 1111")) {
      assertThat(haystack).as("leaked %s", secret).doesNotContain(secret);
    }
  }

  @Test
  void promptTextIsLoggedOnlyWhenOptedIn() {
    FakeTime time = new FakeTime();
    ChatRequest ask = ChatRequest.builder().model("smart").addMessage(Message.user("what is " + EMAIL)).build();
    for (boolean optIn : new boolean[] {false, true}) {
      CapturedLogs.start();
      try (Gateway gateway = Gateway.builder().provider(ScriptedProvider.openai(time)).ticker(time).logPrompts(optIn)
          .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build()) {
        gateway.route(ask, RequestOptions.builder().requestId("r-" + optIn).build());
      }
      List<CapturedLogs.Line> lines = CapturedLogs.stop();
      CapturedLogs.Line line = lines.stream().filter(l -> l.logger().equals("dev.aegis.request")).findFirst()
          .orElseThrow();
      assertThat(line.message()).isEqualTo("request completed");
      assertThat(line.value("request_id")).isEqualTo("r-" + optIn);
      assertThat(line.value("outcome")).isEqualTo("success");
      assertThat(line.value("target")).isEqualTo("openai/gpt-4o");
      assertThat(line.value("attempts")).isEqualTo(1);
      assertThat(line.value("latency_ms")).isEqualTo(250L);
      assertThat(line.value("input_tokens")).isEqualTo(12);
      assertThat(line.value("prompt")).isEqualTo(optIn ? "what is " + EMAIL : null);
      assertThat(line.value("completion")).isEqualTo(optIn ? "Hello world" : null);
    }
  }

  @Test
  void aFailureIsLoggedAtInfoWithTheScrubbedMessage() {
    FakeTime time = new FakeTime();
    CapturedLogs.start();
    try (Gateway gateway = Gateway.builder().provider(ScriptedProvider.openai(time).failWith(400)).ticker(time)
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build()) {
      assertThatThrownBy(() -> gateway.route(ChatRequest.builder().model("smart").addMessage(Message.user("x"))
          .build(), RequestOptions.builder().requestId("f-1").build())).isInstanceOf(RuntimeException.class);
    }
    CapturedLogs.Line line = CapturedLogs.stop().stream().filter(l -> l.logger().equals("dev.aegis.request"))
        .findFirst().orElseThrow();
    assertThat(line.level()).isEqualTo(org.slf4j.event.Level.INFO);
    assertThat(line.message())
        .isEqualTo("request failed: provider 'openai' answered 400: upstream refused the call with api_key=****");
    assertThat(line.value("error_kind")).isEqualTo("upstream_invalid_request");
  }
}
