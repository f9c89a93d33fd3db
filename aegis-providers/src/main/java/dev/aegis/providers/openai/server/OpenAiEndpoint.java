package dev.aegis.providers.openai.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.AiGateway;
import dev.aegis.api.Attempt;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.StreamStart;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.ModelNotFoundException;
import dev.aegis.api.health.AliasHealth;
import dev.aegis.api.health.HealthReport;
import dev.aegis.api.health.StoreHealth;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.openai.internal.ChatCompletionsRequestDecoder;
import dev.aegis.providers.openai.internal.ChatCompletionsResponseEncoder;
import dev.aegis.providers.openai.server.internal.AdminApi;
import dev.aegis.providers.openai.server.internal.AnswerHeaders;
import dev.aegis.providers.openai.server.internal.BlockingThreads;
import dev.aegis.providers.openai.server.internal.ErrorReplies;
import dev.aegis.providers.openai.server.internal.RequestControls;
import dev.aegis.providers.openai.server.internal.StreamPump;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAI-compatible HTTP endpoint over any {@link AiGateway}, independent of the server:
 * {@code POST /v1/chat/completions} (whole and streamed), {@code POST /v1/embeddings},
 * {@code GET /v1/models}, {@code GET /v1/models/{id}}, {@code GET /health} (live),
 * {@code GET /ready} (from {@link AiGateway#health()}: 200 when ready, else 503), and the admin
 * API under {@code /admin} for virtual keys with the admin scope: keys (issue, list, describe,
 * rotate, revoke), usage and spend, budgets, health detail. A binding hands it
 * each request with {@link #handle}; the servlet and Vert.x bindings live in the {@code .servlet}
 * and {@code .vertx} packages.
 *
 * <p>Request controls travel as {@link RequestOptions}: {@code Authorization: Bearer <key>} or
 * {@code X-API-Key} as the credential (the gateway's auth plugin resolves it, the same path as an
 * in-process call), {@code x-aegis-timeout-ms}, {@code Cache-Control: no-cache / no-store} and
 * {@code x-aegis-cache}, {@code x-aegis-metadata-<name>} headers, {@code traceparent}, and
 * {@code x-request-id} (propagated, or generated). Answers, whole and streamed, carry
 * {@code x-request-id}, {@code x-aegis-provider}, {@code x-aegis-attempts},
 * {@code x-aegis-cache: hit | miss | bypass} and, when a rate limit applied,
 * {@code x-ratelimit-limit|remaining|reset-requests|tokens}. Failures are OpenAI-shaped errors whose status comes from
 * {@link ErrorKind}. By default chat calls use {@link AiGateway#routeAsync} and
 * {@link AiGateway#routeStream} only, so no server thread waits for a provider; embeddings and
 * model lists, which the gateway offers only as blocking calls, run on the
 * {@linkplain Builder#blockingExecutor blocking executor}. A server whose threads may block
 * (virtual threads, or a pool sized for it) can opt into {@linkplain Builder#callsOnServerThread
 * running those calls on its own thread}, which saves the two thread hand-offs per request.
 *
 * <pre>{@code
 * OpenAiEndpoint endpoint = OpenAiEndpoint.builder(gateway)
 *     .maxBodyBytes(4 << 20)
 *     .keepAliveAfter(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe: one endpoint serves every request of a server.
 *
 * <p>Past 400 lines on purpose: the dispatch of every door and the builder's documented options
 * are the endpoint's whole contract, kept in one place; the work lives in {@code internal}.
 */
public final class OpenAiEndpoint {
  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
  private static final String CHAT = "/v1/chat/completions";
  private static final String EMBEDDINGS = "/v1/embeddings";
  private static final String MODELS = "/v1/models";

  private final AiGateway gateway;
  private final long maxBodyBytes;
  private final Duration keepAliveAfter;
  private final Duration keepAliveEvery;
  private final Duration retryAfter;
  private final ServerScheduler scheduler;
  private final Executor blocking;
  private final Clock clock;
  private final Supplier<String> requestIds;
  private final boolean adminApi;
  private final boolean callsOnServerThread;

  private OpenAiEndpoint(Builder b) {
    gateway = b.gateway;
    maxBodyBytes = b.maxBodyBytes;
    keepAliveAfter = b.keepAliveAfter;
    keepAliveEvery = b.keepAliveEvery == null ? b.keepAliveAfter : b.keepAliveEvery;
    retryAfter = b.retryAfter;
    scheduler = b.scheduler;
    callsOnServerThread = b.callsOnServerThread;
    blocking = callsOnServerThread ? Runnable::run
        : b.blockingExecutor == null ? BlockingThreads.SHARED : b.blockingExecutor;
    clock = b.clock;
    requestIds = b.requestIds;
    adminApi = b.adminApi;
  }

  public static Builder builder(AiGateway gateway) {
    return new Builder(gateway);
  }

  /** The largest request body accepted; a binding answers a larger one with {@link #rejectTooLarge}. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Whether whole answers are computed on the thread that calls {@link #handle} (see {@link Builder#callsOnServerThread}). */
  public boolean callsOnServerThread() {
    return callsOnServerThread;
  }

  /**
   * Serves one request. Returns quickly: the answer is written to {@code response} later, from
   * whichever thread produces it. With {@link Builder#callsOnServerThread} a whole answer is
   * written before this returns, from the calling thread, which blocks meanwhile.
   */
  public void handle(ServerRequest request, ServerResponse response) {
    String requestId = RequestControls.requestId(request, requestIds.get());
    try {
      String path = request.path();
      String method = request.method();
      if (path.equals("/health")) {
        if (allowed(method, "GET", requestId, response)) {
          response.send(200, json(requestId), HEALTHY);
        }
      } else if (path.equals("/ready")) {
        if (allowed(method, "GET", requestId, response)) ready(requestId, response);
      } else if (path.equals(CHAT)) {
        if (allowed(method, "POST", requestId, response)) chat(request, requestId, response);
      } else if (path.equals(EMBEDDINGS)) {
        if (allowed(method, "POST", requestId, response)) embeddings(request, requestId, response);
      } else if (path.equals(MODELS)) {
        if (allowed(method, "GET", requestId, response)) models(request, requestId, null, response);
      } else if (path.startsWith(MODELS + "/") && path.length() > MODELS.length() + 1) {
        if (allowed(method, "GET", requestId, response)) {
          models(request, requestId, path.substring(MODELS.length() + 1), response);
        }
      } else if (adminApi && (path.equals(AdminApi.PREFIX) || path.startsWith(AdminApi.PREFIX + "/"))) {
        admin(request, requestId, response);
      } else {
        Map<String, String> headers = json(requestId);
        response.send(404, headers, ChatCompletionsResponseEncoder.error("no such endpoint: " + method + " " + path,
            ErrorKind.NOT_FOUND.errorType(), null, "unknown_url"));
      }
    } catch (RuntimeException e) {
      fail(response, requestId, e, List.of());
    }
  }

  /** Answers a request whose body is larger than {@link #maxBodyBytes()} with {@code 413}. */
  public void rejectTooLarge(ServerRequest request, ServerResponse response) {
    String requestId = RequestControls.requestId(request, requestIds.get());
    fail(response, requestId, new GatewayException(ErrorKind.REQUEST_TOO_LARGE,
        "the request body is larger than the limit of " + maxBodyBytes + " bytes"), List.of());
  }

  private boolean allowed(String method, String expected, String requestId, ServerResponse response) {
    if (method.equals(expected)) return true;
    notAllowed(method, expected, requestId, response);
    return false;
  }

  private static void notAllowed(String method, String expected, String requestId, ServerResponse response) {
    Map<String, String> headers = json(requestId);
    headers.put("allow", expected);
    response.send(405, headers, ChatCompletionsResponseEncoder.error("method " + method + " is not allowed here; use "
        + expected, ErrorKind.INVALID_REQUEST.errorType(), null, "method_not_allowed"));
  }

  /** The admin API; its stores may block, so it runs on the blocking executor. */
  private void admin(ServerRequest request, String requestId, ServerResponse response) {
    blocking.execute(() -> {
      try {
        AdminApi.Reply reply = AdminApi.handle(gateway, request);
        if (reply.allow() != null) {
          notAllowed(request.method(), reply.allow(), requestId, response);
        } else {
          response.send(reply.status(), json(requestId), reply.body());
        }
      } catch (RuntimeException e) {
        fail(response, requestId, e, List.of());
      }
    });
  }

  private void chat(ServerRequest request, String requestId, ServerResponse response) {
    ChatCompletionsRequestDecoder.InboundChat in = ChatCompletionsRequestDecoder.decodeChat(request.body());
    RequestOptions options = RequestControls.options(request, requestId);
    long created = clock.instant().getEpochSecond();
    String model = Objects.requireNonNullElse(in.request().model(), "");
    if (in.stream()) {
      ChatStream stream = gateway.routeStream(in.request(), options);
      new StreamPump(stream, response, new StreamPump.Settings(requestId, "chatcmpl-" + requestId, model, created,
          in.includeUsage(), keepAliveAfter, keepAliveEvery, retryAfter, scheduler,
          start -> streamHeaders(requestId, start))).start();
      return;
    }
    if (callsOnServerThread) {
      ChatResponse r;
      try {
        r = gateway.route(in.request(), options);
      } catch (RuntimeException e) {
        fail(response, requestId, e, ErrorReplies.unwrap(e).attempts());
        return;
      }
      answer(response, requestId, created, r);
      return;
    }
    CompletableFuture<ChatResponse> answer = gateway.routeAsync(in.request(), options);
    response.onClose(() -> answer.cancel(true));
    answer.whenComplete((r, error) -> {
      if (error != null) {
        fail(response, requestId, error, ErrorReplies.unwrap(error).attempts());
      } else {
        answer(response, requestId, created, r);
      }
    });
  }

  private void answer(ServerResponse response, String requestId, long created, ChatResponse r) {
    byte[] body;
    try {
      body = ChatCompletionsResponseEncoder.response(r, "chatcmpl-" + requestId, created);
    } catch (RuntimeException e) {
      fail(response, requestId, e, List.of());
      return;
    }
    Map<String, String> headers = json(requestId);
    AnswerHeaders.of(r.metadata(), headers);
    response.send(200, headers, body);
  }

  private void embeddings(ServerRequest request, String requestId, ServerResponse response) {
    ChatCompletionsRequestDecoder.InboundEmbeddings in = ChatCompletionsRequestDecoder.decodeEmbeddings(request.body());
    RequestOptions options = RequestControls.options(request, requestId);
    blocking.execute(() -> {
      try {
        var r = gateway.embed(in.request(), options);
        Map<String, String> headers = json(requestId);
        AnswerHeaders.of(r.metadata(), headers);
        response.send(200, headers, ChatCompletionsResponseEncoder.embeddings(r, in.base64()));
      } catch (RuntimeException e) {
        fail(response, requestId, e, ErrorReplies.unwrap(e).attempts());
      }
    });
  }

  private void models(ServerRequest request, String requestId, @Nullable String id, ServerResponse response) {
    RequestOptions options = RequestControls.options(request, requestId);
    blocking.execute(() -> {
      try {
        List<ModelInfo> models = gateway.models(options);
        if (id == null) {
          response.send(200, json(requestId), ChatCompletionsResponseEncoder.models(models));
          return;
        }
        List<String> known = new ArrayList<>(models.size());
        for (ModelInfo m : models) {
          if (m.id().equals(id)) {
            response.send(200, json(requestId), ChatCompletionsResponseEncoder.modelBytes(m));
            return;
          }
          known.add(m.id());
        }
        throw new ModelNotFoundException(id, known);
      } catch (RuntimeException e) {
        fail(response, requestId, e, List.of());
      }
    });
  }

  /** Readiness from {@link AiGateway#health()}: 200 when ready, else 503 naming what is not. */
  private void ready(String requestId, ServerResponse response) {
    blocking.execute(() -> {
      try {
        HealthReport health = gateway.health();
        ObjectNode body = Json.object().put("status", health.ready() ? "ready" : "not_ready")
            .put("draining", health.draining());
        ArrayNode unroutable = body.putArray("unroutable_aliases");
        for (AliasHealth a : health.aliases()) {
          if (!a.routable()) unroutable.add(a.alias());
        }
        ArrayNode stores = body.putArray("unreachable_stores");
        for (StoreHealth st : health.stores()) {
          if (!st.reachable()) stores.add(st.name());
        }
        Map<String, String> headers = json(requestId);
        if (!health.ready()) headers.put("retry-after", Long.toString(Math.max(1, retryAfter.toSeconds())));
        response.send(health.ready() ? 200 : 503, headers, Json.bytes(body));
      } catch (RuntimeException e) {
        fail(response, requestId, e, List.of());
      }
    });
  }

  private void fail(ServerResponse response, String requestId, Throwable error, List<Attempt> attempts) {
    if (error instanceof CancellationException) {
      return; // the client went away and the endpoint cancelled the call: nobody is listening
    }
    GatewayException e = ErrorReplies.unwrap(error);
    Map<String, String> headers = json(requestId);
    ErrorReplies.attempts(attempts, headers);
    ErrorReplies.retryAfter(e, retryAfter, headers);
    response.send(e.kind().httpStatus(), headers, ErrorReplies.body(e));
  }

  private static Map<String, String> json(String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.put(RequestControls.REQUEST_ID, requestId);
    return headers;
  }

  private static Map<String, String> streamHeaders(String requestId, @Nullable StreamStart start) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(RequestControls.REQUEST_ID, requestId);
    if (start != null) AnswerHeaders.of(start, headers);
    return headers;
  }

  /** Builds an {@link OpenAiEndpoint}. Not thread-safe. */
  public static final class Builder {
    private final AiGateway gateway;
    private long maxBodyBytes = 16L << 20;
    private Duration keepAliveAfter = Duration.ofSeconds(15);
    private @Nullable Duration keepAliveEvery;
    private Duration retryAfter = Duration.ofSeconds(1);
    private ServerScheduler scheduler = ServerScheduler.system();
    private @Nullable Executor blockingExecutor;
    private Clock clock = Clock.systemUTC();
    private Supplier<String> requestIds = () -> UUID.randomUUID().toString();
    private boolean adminApi = true;
    private boolean callsOnServerThread;

    private Builder(AiGateway gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    /** The largest request body accepted (default 16 MiB); larger bodies get {@code 413}. */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes <= 0) throw new IllegalArgumentException("maxBodyBytes must be positive but was " + maxBodyBytes);
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * How long a stream may wait for its first chunk before the endpoint commits {@code 200} and
     * starts sending {@code : keep-alive} comments (default 15 s), so client and proxy idle
     * timeouts do not cut a reasoning model that thinks for a minute.
     */
    public Builder keepAliveAfter(Duration delay) {
      this.keepAliveAfter = positive(delay, "keepAliveAfter");
      return this;
    }

    /** The interval between keep-alive comments (default: the {@link #keepAliveAfter} delay). */
    public Builder keepAliveEvery(Duration interval) {
      this.keepAliveEvery = positive(interval, "keepAliveEvery");
      return this;
    }

    /** The {@code Retry-After} of a 429 or 503 whose failure names none (default 1 s). */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = positive(retryAfter, "retryAfter");
      return this;
    }

    /** The timers for keep-alive comments (default: {@link ServerScheduler#system()}). */
    public Builder scheduler(ServerScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Where the blocking gateway calls (embeddings, model lists) run; default: shared daemon threads. */
    public Builder blockingExecutor(Executor executor) {
      this.blockingExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The clock for {@code created} timestamps. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Generates request ids for requests that bring no valid {@code x-request-id} (default: random UUIDs). */
    public Builder requestIds(Supplier<String> requestIds) {
      this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
      return this;
    }

    /**
     * Whether to serve the admin API under {@code /admin} (default {@code true}); it admits only
     * virtual keys with the admin scope, and answers 404 on a gateway without virtual keys.
     */
    public Builder adminApi(boolean enabled) {
      this.adminApi = enabled;
      return this;
    }

    /**
     * Whether whole answers are computed on the server's thread (default {@code false}). When
     * {@code true}, a non-streamed chat completion calls the blocking {@link AiGateway#route},
     * and embeddings, model lists, health and the admin API run, on the thread that hands the
     * request to {@link #handle}, blocking it until the answer is written, as a plain blocking
     * servlet would: no hand-off to the gateway's executor and back, which on a loaded machine
     * is most of the endpoint's latency. The {@link #blockingExecutor} is then unused. Streams
     * stay asynchronous. The gateway's deadline bounds each call; a client that disconnects
     * while the call runs is noticed when the answer is written, not before.
     *
     * <p>Opt in only where a blocked server thread is cheap: a servlet container on virtual
     * threads, or one whose pool is sized for one thread per concurrent call. Never on an event
     * loop: {@code OpenAiVertxHandler} refuses such an endpoint.
     */
    public Builder callsOnServerThread(boolean enabled) {
      this.callsOnServerThread = enabled;
      return this;
    }

    public OpenAiEndpoint build() {
      return new OpenAiEndpoint(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive but was " + d);
      return d;
    }
  }
}
