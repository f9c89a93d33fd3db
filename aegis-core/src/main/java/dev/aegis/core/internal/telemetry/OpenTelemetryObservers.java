package dev.aegis.core.internal.telemetry;

import dev.aegis.api.Ticker;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.CacheHit;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.event.GuardrailTriggered;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.core.internal.OutboundHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * OpenTelemetry traces on the GenAI conventions: an INTERNAL span per gateway request and a
 * CLIENT span per target tried, named {@code {gen_ai.operation.name} {gen_ai.request.model}},
 * covering that target's retries (the conventions: a span covers the logical operation with all
 * its automatic retries; each retry is a span event). Parents are explicit: the request span's
 * parent is the caller's context captured when the call was made (or an inbound
 * {@code traceparent} in the request metadata when the caller has no span), so hedge branches
 * and stream producers on other threads still nest correctly. Loaded only when configured.
 */
final class OpenTelemetryObservers implements ObserverFactory {
  static final String INSTRUMENTATION = "dev.aegis.core";
  /** The request-metadata key of an inbound W3C trace parent (set by the HTTP endpoint). */
  static final String TRACEPARENT = "traceparent";

  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey(GenAiConventions.OPERATION_NAME);
  private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey(GenAiConventions.PROVIDER_NAME);
  private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey(GenAiConventions.REQUEST_MODEL);
  private static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey(GenAiConventions.RESPONSE_MODEL);
  private static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey(GenAiConventions.RESPONSE_ID);
  private static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey(GenAiConventions.RESPONSE_FINISH_REASONS);
  private static final AttributeKey<Double> TTFC = AttributeKey.doubleKey(GenAiConventions.RESPONSE_TIME_TO_FIRST_CHUNK);
  private static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey(GenAiConventions.REQUEST_MAX_TOKENS);
  private static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey(GenAiConventions.REQUEST_TEMPERATURE);
  private static final AttributeKey<Double> TOP_P = AttributeKey.doubleKey(GenAiConventions.REQUEST_TOP_P);
  private static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey(GenAiConventions.REQUEST_STREAM);
  private static final AttributeKey<Long> INPUT = AttributeKey.longKey(GenAiConventions.USAGE_INPUT_TOKENS);
  private static final AttributeKey<Long> OUTPUT = AttributeKey.longKey(GenAiConventions.USAGE_OUTPUT_TOKENS);
  private static final AttributeKey<Long> CACHE_READ =
      AttributeKey.longKey(GenAiConventions.USAGE_CACHE_READ_INPUT_TOKENS);
  private static final AttributeKey<Long> CACHE_WRITE =
      AttributeKey.longKey(GenAiConventions.USAGE_CACHE_WRITE_INPUT_TOKENS);
  private static final AttributeKey<Long> REASONING =
      AttributeKey.longKey(GenAiConventions.USAGE_REASONING_OUTPUT_TOKENS);
  private static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey(GenAiConventions.INPUT_MESSAGES);
  private static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey(GenAiConventions.OUTPUT_MESSAGES);
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey(GenAiConventions.ERROR_TYPE);
  private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey(GenAiConventions.SERVER_ADDRESS);
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey(GenAiConventions.SERVER_PORT);
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("aegis.request.id");
  static final AttributeKey<String> DOOR = AttributeKey.stringKey("aegis.door");
  static final AttributeKey<String> ALIAS = AttributeKey.stringKey("aegis.alias");
  static final AttributeKey<String> TARGET = AttributeKey.stringKey("aegis.target");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("aegis.outcome");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("aegis.attempts");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("aegis.attempt");
  static final AttributeKey<Long> DELAY_MS = AttributeKey.longKey("aegis.retry.delay_ms");
  static final AttributeKey<Long> BRANCH = AttributeKey.longKey("aegis.hedge.branch");
  static final AttributeKey<String> RULE = AttributeKey.stringKey("aegis.guardrail.rule");
  static final AttributeKey<String> ACTION = AttributeKey.stringKey("aegis.guardrail.action");
  static final AttributeKey<String> DIRECTION = AttributeKey.stringKey("aegis.guardrail.direction");
  static final AttributeKey<String> CACHE_KIND = AttributeKey.stringKey("aegis.cache.kind");

  private static final TextMapGetter<Map<String, String>> METADATA = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final boolean propagate;
  private final boolean captureContent;
  private final Ticker ticker;

  private OpenTelemetryObservers(OpenTelemetry otel, boolean propagate, boolean captureContent, Ticker ticker) {
    this.captureContent = captureContent;
    this.tracer = otel.getTracer(INSTRUMENTATION);
    this.propagator = otel.getPropagators().getTextMapPropagator();
    this.propagate = propagate;
    this.ticker = ticker;
  }

  static ObserverFactory create(Object openTelemetry, GenAiConventions conventions, boolean propagate,
      boolean captureContent, Ticker ticker) {
    // span and attribute names are the same in both editions of the conventions
    return new OpenTelemetryObservers((OpenTelemetry) openTelemetry, propagate, captureContent, ticker);
  }

  @Override
  public RequestObserver start(Exchange exchange, long startNanos) {
    Context parent = Context.current();
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      String inbound = exchange.metadata().get(TRACEPARENT);
      if (inbound != null) {
        parent = W3CTraceContextPropagator.getInstance().extract(parent, exchange.metadata(), METADATA);
      }
    }
    String operation = exchange.isEmbedding() ? GenAiConventions.OP_EMBEDDINGS : GenAiConventions.OP_CHAT;
    String alias = exchange.requestedModel();
    Span span = tracer.spanBuilder("aegis " + operation + (alias == null ? "" : " " + alias))
        .setParent(parent)
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(OPERATION, operation)
        .setAttribute(REQUEST_ID, exchange.requestId())
        .setAttribute(DOOR, MicrometerObservers.lower(exchange.door()))
        .startSpan();
    if (alias != null) {
      span.setAttribute(ALIAS, alias);
      span.setAttribute(REQUEST_MODEL, alias);
    }
    return new Request(exchange, operation, parent.with(span), span);
  }

  private final class Request extends RequestObserver {
    private final Exchange exchange;
    private final String operation;
    private final Context context;
    private final Span span;

    Request(Exchange exchange, String operation, Context context, Span span) {
      this.exchange = exchange;
      this.operation = operation;
      this.context = context;
      this.span = span;
    }

    @Override
    public TargetObserver targetStarted(String target, @Nullable URI endpoint, String providerType, String model) {
      SpanBuilder b = tracer.spanBuilder(operation + " " + model)
          .setParent(context)
          .setSpanKind(SpanKind.CLIENT)
          .setAttribute(OPERATION, operation)
          .setAttribute(PROVIDER, GenAiConventions.providerName(providerType))
          .setAttribute(REQUEST_MODEL, model)
          .setAttribute(TARGET, target);
      if (endpoint != null && endpoint.getHost() != null) {
        b.setAttribute(SERVER_ADDRESS, endpoint.getHost());
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        b.setAttribute(SERVER_PORT, (long) port);
      }
      if (!exchange.isEmbedding()) {
        ChatRequest r = exchange.request();
        b.setAttribute(STREAM, exchange.isStreaming());
        if (r.maxTokens() != null) {
          b.setAttribute(MAX_TOKENS, (long) r.maxTokens());
        }
        if (r.temperature() != null) {
          b.setAttribute(TEMPERATURE, r.temperature());
        }
        if (r.topP() != null) {
          b.setAttribute(TOP_P, r.topP());
        }
        if (captureContent) {
          b.setAttribute(INPUT_MESSAGES, Content.input(r));
        }
      }
      Span client = b.startSpan();
      return new Target(context.with(client), client, ticker.read(),
          captureContent && !exchange.isEmbedding() ? new StringBuilder() : null);
    }

    @Override
    public void fallback(String fromTarget, GatewayException cause) {
      span.addEvent("aegis.fallback", Attributes.of(TARGET, fromTarget, ERROR_TYPE, GenAiConventions.errorType(cause)));
    }

    @Override
    public void hedgeFired(int branch) {
      span.addEvent("aegis.hedge", Attributes.of(BRANCH, (long) branch));
    }

    @Override
    public void event(GatewayEvent event) {
      if (event instanceof GuardrailTriggered) {
        GuardrailTriggered g = (GuardrailTriggered) event;
        span.addEvent("aegis.guardrail", Attributes.of(RULE, g.rule(), ACTION, g.action(), DIRECTION, g.direction()));
      } else if (event instanceof CacheHit) {
        span.addEvent("aegis.cache_hit", Attributes.of(CACHE_KIND, ((CacheHit) event).kind()));
      }
    }

    @Override
    public void ended(Outcome outcome, ResponseMetadata metadata) {
      span.setAttribute(OUTCOME, MicrometerObservers.lower(outcome.status()));
      span.setAttribute(ATTEMPTS, (long) outcome.attempts().size());
      if (outcome.target() != null) {
        span.setAttribute(TARGET, outcome.target());
      }
      GatewayException error = outcome.error();
      if (error != null && outcome.status() == Outcome.Status.FAILURE) {
        span.setAttribute(ERROR_TYPE, GenAiConventions.errorType(error));
        span.setStatus(StatusCode.ERROR, error.kind().errorType());
      }
      span.end();
    }

    @Override
    public @Nullable String traceId() {
      // a no-op tracer's spans have no valid context: nothing worth logging
      return span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
    }
  }

  private final class Target extends TargetObserver {
    private final Context context;
    private final Span span;
    private final long start;
    private boolean sawChunk;
    private @Nullable String responseId;
    private @Nullable String responseModel;
    private @Nullable Usage usage;
    private @Nullable List<String> finishReasons;
    /** The streamed text, kept only when content capture is on. */
    private final @Nullable StringBuilder text;

    Target(Context context, Span span, long start, @Nullable StringBuilder text) {
      this.text = text;
      this.context = context;
      this.span = span;
      this.start = start;
    }

    @Override
    public void attemptStarted(int attempt, OutboundHeaders headers) {
      if (propagate) {
        propagator.inject(context, headers, (carrier, key, value) -> carrier.put(key, value));
      }
    }

    @Override
    public void attemptFailed(int attempt, GatewayException error, long nanos) {
      span.addEvent("aegis.attempt_failed", Attributes.of(ATTEMPT, (long) attempt, ERROR_TYPE,
          GenAiConventions.errorType(error)));
    }

    @Override
    public void retryScheduled(int nextAttempt, Duration delay, GatewayException cause) {
      span.addEvent("aegis.retry", Attributes.of(ATTEMPT, (long) nextAttempt, DELAY_MS, delay.toMillis(),
          ERROR_TYPE, GenAiConventions.errorType(cause)));
    }

    @Override
    public void chunk(ChatChunk chunk, long nanos) {
      if (!sawChunk) {
        sawChunk = true;
        span.setAttribute(TTFC, (nanos - start) / 1e9);
      }
      if (responseId == null && !chunk.id().isEmpty()) {
        responseId = chunk.id();
      }
      if (responseModel == null && !chunk.model().isEmpty()) {
        responseModel = chunk.model();
      }
      if (chunk.usage() != null) {
        usage = chunk.usage();
      }
      if (text != null && chunk.text() != null) {
        text.append(chunk.text());
      }
      FinishReason f = chunk.finishReason();
      if (f != null) {
        if (finishReasons == null) {
          finishReasons = new ArrayList<>(1);
        }
        finishReasons.add(f.wireName());
      }
    }

    @Override
    public void succeeded(@Nullable Usage used, @Nullable String model) {
      if (model != null && !model.isEmpty()) {
        responseModel = model;
      }
      if (used != null) {
        usage = used;
      }
    }

    @Override
    public void answered(ChatResponse response) {
      responseId = response.id();
      responseModel = response.model();
      usage = response.usage();
      List<String> reasons = new ArrayList<>(response.choices().size());
      for (Choice c : response.choices()) {
        if (c.finishReason() != null) {
          reasons.add(c.finishReason().wireName());
        }
      }
      finishReasons = reasons;
      if (text != null) {
        text.append(response.text());
      }
    }

    @Override
    public void ended(@Nullable GatewayException error) {
      if (responseId != null && !responseId.isEmpty()) {
        span.setAttribute(RESPONSE_ID, responseId);
      }
      if (responseModel != null && !responseModel.isEmpty()) {
        span.setAttribute(RESPONSE_MODEL, responseModel);
      }
      if (finishReasons != null) {
        span.setAttribute(FINISH_REASONS, finishReasons);
      }
      if (text != null && error == null) {
        span.setAttribute(OUTPUT_MESSAGES, Content.output(text.toString(),
            finishReasons == null || finishReasons.isEmpty() ? null : finishReasons.get(0)));
      }
      Usage u = usage;
      if (u != null) {
        span.setAttribute(INPUT, (long) u.inputTokens());
        span.setAttribute(OUTPUT, (long) u.outputTokens());
        span.setAttribute(CACHE_READ, (long) u.cacheReadTokens());
        span.setAttribute(CACHE_WRITE, (long) u.cacheWriteTokens());
        span.setAttribute(REASONING, (long) u.reasoningTokens());
      }
      if (error != null) {
        span.setAttribute(ERROR_TYPE, GenAiConventions.errorType(error));
        span.setStatus(StatusCode.ERROR, error.kind().errorType());
      }
      span.end();
    }
  }
}
