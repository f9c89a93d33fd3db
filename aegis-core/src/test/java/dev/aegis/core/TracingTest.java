package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TracingTest {
  private final FakeTime time = new FakeTime();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
    tracerProvider.close();
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().model("smart").addMessage(Message.user("hi")).maxTokens(64).temperature(0.2)
        .build();
  }

  private static Object attr(SpanData s, String key) {
    return s.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(key))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  private SpanData span(String name) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + names()));
  }

  private List<String> names() {
    return exporter.getFinishedSpanItems().stream().map(SpanData::getName).collect(Collectors.toList());
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void theCallersSpanIsTheParentOnEveryDoor(Door door) {
    ScriptedProvider provider = ScriptedProvider.openai(time);
    gateway = Gateway.builder().provider(provider).ticker(time).openTelemetry(otel).propagateTraceContext(true)
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build();
    Span parent = otel.getTracer("test").spanBuilder("caller").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      door.call(gateway, ask());
    } finally {
      parent.end();
    }

    assertThat(names()).containsExactlyInAnyOrder("chat gpt-4o", "aegis chat smart", "caller");
    SpanData request = span("aegis chat smart");
    SpanData client = span("chat gpt-4o");
    assertThat(request.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(request.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(request.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(client.getParentSpanId()).isEqualTo(request.getSpanId());
    assertThat(request.getAttributes().get(AttributeKey.stringKey("aegis.door")))
        .isEqualTo(door.name().toLowerCase(java.util.Locale.ROOT));
    assertThat(request.getAttributes().get(AttributeKey.stringKey("aegis.outcome"))).isEqualTo("success");
    assertThat(request.getAttributes().get(AttributeKey.longKey("aegis.attempts"))).isEqualTo(1L);
    assertThat(request.getAttributes().get(AttributeKey.stringKey("aegis.target"))).isEqualTo("openai/gpt-4o");

    boolean stream = door == Door.STREAM;
    assertThat(attr(client, "gen_ai.operation.name")).isEqualTo("chat");
    assertThat(attr(client, "gen_ai.provider.name")).isEqualTo("openai");
    assertThat(attr(client, "gen_ai.request.model")).isEqualTo("gpt-4o");
    assertThat(attr(client, "gen_ai.request.max_tokens")).isEqualTo(64L);
    assertThat(attr(client, "gen_ai.request.temperature")).isEqualTo(0.2);
    assertThat(attr(client, "gen_ai.request.stream")).isEqualTo(stream);
    assertThat(attr(client, "gen_ai.response.id")).isEqualTo("chatcmpl-42");
    assertThat(attr(client, "gen_ai.response.model")).isEqualTo(ScriptedProvider.RESPONSE_MODEL);
    assertThat(attr(client, "gen_ai.response.finish_reasons")).isEqualTo(List.of("stop"));
    assertThat(attr(client, "gen_ai.usage.input_tokens")).isEqualTo(12L);
    assertThat(attr(client, "gen_ai.usage.output_tokens")).isEqualTo(5L);
    assertThat(attr(client, "gen_ai.usage.cache_read.input_tokens")).isEqualTo(4L);
    assertThat(attr(client, "gen_ai.usage.cache_write.input_tokens")).isEqualTo(2L);
    assertThat(attr(client, "gen_ai.usage.reasoning.output_tokens")).isEqualTo(1L);
    assertThat(attr(client, "server.address")).isEqualTo("api.openai.test");
    assertThat(attr(client, "server.port")).isEqualTo(443L);
    assertThat(attr(client, "gen_ai.response.time_to_first_chunk")).isEqualTo(stream ? 0.1 : null);
    assertThat(attr(client, "error.type")).isNull();
    // propagation on: the provider saw the CLIENT span as the parent of its own work
    assertThat(provider.headers).singleElement().satisfies(h -> assertThat(h.get("traceparent"))
        .isEqualTo("00-" + client.getTraceId() + "-" + client.getSpanId() + "-"
            + client.getSpanContext().getTraceFlags().asHex()));
  }

  @Test
  void theRequestLogLineCarriesTheTraceId() {
    gateway = Gateway.builder().provider(ScriptedProvider.openai(time)).ticker(time).openTelemetry(otel)
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build();
    CapturedLogs.start();
    gateway.route(ask(), RequestOptions.builder().requestId("t-1").build());
    List<CapturedLogs.Line> lines = CapturedLogs.stop();
    assertThat(lines).filteredOn(l -> l.logger().equals("dev.aegis.request")).singleElement().satisfies(l -> {
      assertThat(l.value("request_id")).isEqualTo("t-1");
      assertThat(l.value("trace_id")).isEqualTo(span("aegis chat smart").getTraceId());
    });
  }

  @Test
  void withoutPropagationNoTraceHeaderLeaves() {
    ScriptedProvider provider = ScriptedProvider.openai(time);
    gateway = Gateway.builder().provider(provider).ticker(time).openTelemetry(otel)
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build();
    gateway.route(ask());
    assertThat(provider.headers).singleElement().satisfies(h -> assertThat(h).doesNotContainKey("traceparent"));
    assertThat(span("aegis chat smart").getParentSpanId()).isEqualTo("0000000000000000");
  }

  @Test
  void anInboundTraceparentIsTheParentWhenTheCallerHasNoSpan() {
    gateway = Gateway.builder().provider(ScriptedProvider.openai(time)).ticker(time).openTelemetry(otel)
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build();
    gateway.route(ask(), RequestOptions.builder()
        .metadata(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).build());
    SpanData request = span("aegis chat smart");
    assertThat(request.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(request.getParentSpanId()).isEqualTo("b7ad6b7169203331");
  }

  @Test
  void oneClientSpanPerTargetCoversItsRetriesAndTheFallbackIsAnEvent() {
    ScriptedProvider a = ScriptedProvider.openai(time).failWith(503, 503);
    ScriptedProvider b = new ScriptedProvider("backup", "anthropic", null, time, null);
    gateway = Gateway.builder().provider(a).provider(b).ticker(time).sleeper(time).openTelemetry(otel)
        .route("smart", ScriptedProvider.retryThenFallback())
        .build();
    gateway.route(ask());

    assertThat(names()).containsExactlyInAnyOrder("chat gpt-4o", "chat claude", "aegis chat smart");
    SpanData primary = span("chat gpt-4o");
    assertThat(primary.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(primary, "error.type")).isEqualTo("503");
    assertThat(primary.getEvents()).extracting(EventData::getName)
        .containsExactly("aegis.attempt_failed", "aegis.retry", "aegis.attempt_failed");
    assertThat(primary.getEvents().get(1).getAttributes().get(AttributeKey.longKey("aegis.attempt"))).isEqualTo(2L);
    SpanData secondary = span("chat claude");
    assertThat(attr(secondary, "gen_ai.provider.name")).isEqualTo("anthropic");
    assertThat(secondary.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attr(secondary, "server.address")).isNull();
    SpanData request = span("aegis chat smart");
    assertThat(request.getEvents()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("aegis.fallback");
      assertThat(e.getAttributes()).isEqualTo(Attributes.of(AttributeKey.stringKey("aegis.target"), "primary",
          AttributeKey.stringKey("error.type"), "503"));
    });
    assertThat(request.getAttributes().get(AttributeKey.longKey("aegis.attempts"))).isEqualTo(3L);
    assertThat(request.getAttributes().get(AttributeKey.stringKey("aegis.target"))).isEqualTo("secondary");
  }

  @Test
  void aFailedRequestEndsItsSpansWithTheErrorType() {
    gateway = Gateway.builder().provider(ScriptedProvider.openai(time).failWith(400)).ticker(time).openTelemetry(otel)
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build();
    try {
      gateway.route(ask());
    } catch (RuntimeException expected) {
      // asserted through the spans
    }
    SpanData request = span("aegis chat smart");
    assertThat(request.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(request, "error.type")).isEqualTo("400");
    assertThat(attr(request, "aegis.outcome")).isEqualTo("failure");
    assertThat(attr(span("chat gpt-4o"), "error.type")).isEqualTo("400");
  }

  @Test
  void messageContentIsOnTheClientSpanOnlyWhenOptedIn() {
    ChatRequest ask = ChatRequest.builder().model("smart").addMessage(Message.system("Be \"terse\"."))
        .addMessage(Message.user("hi")).build();
    for (Door door : List.of(Door.ROUTE, Door.STREAM)) {
      for (boolean optIn : new boolean[] {false, true}) {
        exporter.reset();
        try (Gateway g = Gateway.builder().provider(ScriptedProvider.openai(time)).ticker(time).openTelemetry(otel)
            .logPrompts(optIn).route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build()) {
          door.call(g, ask);
        }
        SpanData client = span("chat gpt-4o");
        assertThat(attr(client, "gen_ai.input.messages")).isEqualTo(optIn
            ? "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be \\\"terse\\\".\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"hi\"}]}]"
            : null);
        assertThat(attr(client, "gen_ai.output.messages")).isEqualTo(optIn
            ? "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello world\"}],"
                + "\"finish_reason\":\"stop\"}]"
            : null);
      }
    }
  }

  @Test
  void guardrailVerdictsAndCacheHitsAreEventsOnTheRequestSpan() {
    dev.aegis.api.plugin.Plugin publisher = new dev.aegis.api.plugin.Plugin() {
      @Override
      public dev.aegis.api.plugin.RequestDecision onRequest(dev.aegis.api.plugin.Exchange ex) {
        ex.publish(new dev.aegis.api.event.GuardrailTriggered(java.time.Instant.EPOCH, ex.requestId(), "guardrails",
            "pii-email", "mask", "input", List.of("EMAIL")));
        ex.publish(new dev.aegis.api.event.CacheHit(java.time.Instant.EPOCH,
            dev.aegis.api.event.RequestInfo.of(ex.requestId(), null, "smart"), "exact", java.time.Duration.ZERO));
        return dev.aegis.api.plugin.RequestDecision.proceed();
      }
    };
    gateway = Gateway.builder().provider(ScriptedProvider.openai(time)).ticker(time).openTelemetry(otel)
        .plugin(publisher).route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build();
    gateway.route(ask());
    List<EventData> events = span("aegis chat smart").getEvents();
    assertThat(events).extracting(EventData::getName).containsExactly("aegis.guardrail", "aegis.cache_hit");
    assertThat(events.get(0).getAttributes()).isEqualTo(Attributes.of(
        AttributeKey.stringKey("aegis.guardrail.rule"), "pii-email", AttributeKey.stringKey("aegis.guardrail.action"),
        "mask", AttributeKey.stringKey("aegis.guardrail.direction"), "input"));
    assertThat(events.get(1).getAttributes())
        .isEqualTo(Attributes.of(AttributeKey.stringKey("aegis.cache.kind"), "exact"));
  }

  @Test
  void embeddingsGetAnEmbeddingsClientSpan() {
    gateway = Gateway.builder().provider(dev.aegis.providers.mock.MockProvider.builder("mock").embeddingDimensions(4)
            .build()).openTelemetry(otel)
        .route("vectors", Strategy.single(Target.of("mock", "embed-1"))).build();
    gateway.embed(dev.aegis.api.embedding.EmbeddingRequest.builder().model("vectors").addInput("hello").build());
    assertThat(names()).containsExactlyInAnyOrder("embeddings embed-1", "aegis embeddings vectors");
    SpanData client = span("embeddings embed-1");
    assertThat(attr(client, "gen_ai.operation.name")).isEqualTo("embeddings");
    assertThat(attr(client, "gen_ai.provider.name")).isEqualTo("mock");
    assertThat(attr(client, "gen_ai.request.stream")).isNull();
    assertThat(client.getParentSpanId()).isEqualTo(span("aegis embeddings vectors").getSpanId());
  }
}
