package dev.aegis.core.internal;

import dev.aegis.api.Attempt;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.StreamStart;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.GatewayTimeoutException;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.api.error.PluginException;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.event.AttemptFailed;
import dev.aegis.api.event.RequestCompleted;
import dev.aegis.api.plugin.Eligibility;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.StreamTransformer;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.error.ContentFilterException;
import dev.aegis.api.error.ProviderAuthenticationException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.error.ProviderRateLimitException;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.FallbackTrigger;
import dev.aegis.core.routing.PriceTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One request's run through the pipeline: the single state machine behind all doors. {@code
 * route()} runs {@link #runChat()} on the caller's thread, {@code routeAsync()} runs it on the
 * executor, {@code routeStream()} runs {@link #runStream} on the executor with a
 * {@link GatewayChatStream} as its output, {@code embed()} runs {@link #runEmbed()}. The stages
 * and their order are the same for all of them:
 *
 * <pre>
 * onRequest (in order) -> route (eligibility, onAttempt, provider) -> onResponse / onStream
 * (reverse order) -> onComplete (every plugin, exactly once, reverse order) -> event
 * </pre>
 */
final class Call {
  private static final String DEADLINE = "deadline";
  private static final String ATTEMPT_TIMEOUT = "attempt timeout";
  private static final String FIRST_CHUNK_TIMEOUT = "first-chunk timeout";
  private static final String IDLE_TIMEOUT = "idle timeout";
  private static final long OPEN_ENDED_NANOS = TimeUnit.DAYS.toNanos(365);

  final Engine engine;
  final Snapshot snap;
  final CoreExchange ex;
  final CancelSignal signal = new CancelSignal();
  private final long startNanos;
  private final boolean explicitTimeout;
  private final Duration timeout;
  /** How many plugins' onRequest ran (the answering or rejecting one included). */
  private int ran;
  /** How many plugins get onResponse / onStream: those before the one that answered. */
  private int responders;
  /** A plugin's answer as a recorded stream (a cached stream), replayed chunk for chunk. */
  private List<ChatChunk> answerChunks = List.of();
  private volatile @Nullable TargetRuntime servedBy;
  private volatile @Nullable TargetRuntime current;
  private @Nullable GatewayChatStream stream;
  private volatile @Nullable AttemptPipe lastPipe;
  private @Nullable ScheduledFuture<?> deadlineTask;
  private final Branch root = new Branch(signal, null);
  /** Hedge branches, created on the first hedge (most requests never hedge). */
  private volatile @Nullable List<Branch> hedgeBranches;
  /** Why targets were set aside, created on the first rejection. Guarded by {@code this}. */
  private @Nullable Map<String, String> rejections;

  Call(Engine engine, Snapshot snap, CoreExchange ex, long startNanos, Duration timeout, boolean explicitTimeout) {
    this.engine = engine;
    this.snap = snap;
    this.ex = ex;
    this.startNanos = startNanos;
    this.timeout = timeout;
    this.explicitTimeout = explicitTimeout;
    ex.signal(signal);
  }

  // ---------------------------------------------------------------- doors

  ChatResponse runChat() {
    ChatResponse response = null;
    GatewayException error = null;
    try {
      begin();
      Object answer = runOnRequest();
      response = answer != null ? (ChatResponse) answer : route().execute(root, this::chatAttempt);
      response = runOnResponse(response);
      response = response.toBuilder().metadata(metadata(response.metadata())).build();
      return response;
    } catch (Throwable t) {
      error = failure(t);
      throw error;
    } finally {
      end(response, null, error);
    }
  }

  EmbeddingResponse runEmbed() {
    EmbeddingResponse response = null;
    GatewayException error = null;
    try {
      begin();
      Object answer = runOnRequest();
      response = answer != null ? (EmbeddingResponse) answer : route().execute(root, this::embedAttempt);
      return response.withMetadata(metadata(response.metadata()));
    } catch (Throwable t) {
      error = failure(t);
      throw error;
    } finally {
      end(null, response, error);
    }
  }

  void runStream(GatewayChatStream out) {
    this.stream = out;
    GatewayException error = null;
    try {
      begin();
      Object answer = runOnRequest();
      if (answer != null) {
        AttemptPipe pipe = new AttemptPipe(out, signal, null, null);
        List<ChatChunk> chunks = answerChunks.isEmpty() ? ResponseChunks.of((ChatResponse) answer) : answerChunks;
        for (ChatChunk chunk : chunks) {
          pipe.emit(chunk);
        }
        pipe.flush();
        lastPipe = pipe;
      } else {
        route().execute(root, this::streamAttempt);
      }
    } catch (Throwable t) {
      error = failure(t);
      if (out.isCommitted() && !(error instanceof StreamException) && !out.isCancelled()) {
        TargetRuntime t2 = servedBy != null ? servedBy : current;
        error = new StreamException(t2 == null ? "none" : t2.provider.name(),
            "stream failed after it started: " + error.getMessage(), error.retryable(), error);
        error.withAttempts(ex.attempts());
      }
    }
    if (error == null) {
      try {
        if (lastPipe != null) {
          out.commitRemaining(lastPipe);
        }
      } catch (CancellationException e) {
        error = failure(e);
      }
    }
    ChatResponse assembled = out.assembled();
    ResponseMetadata meta = metadata(ResponseMetadata.EMPTY);
    try {
      // plugins see the end before the caller does, as with route()
      end(assembled, null, error);
    } finally {
      out.finish(error, meta);
    }
  }

  // ---------------------------------------------------------------- stages

  private void begin() {
    engine.enter(this);
    if (explicitTimeout || !timeout.isZero()) {
      deadlineTask = engine.scheduler().schedule(this::deadlineReached, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void deadlineReached() {
    GatewayChatStream s = stream;
    // a committed stream is healthy: only an explicit timeout may cut it
    if (s == null || explicitTimeout || !s.isCommitted()) {
      signal.cancel(DEADLINE);
    }
  }

  /** Runs onRequest in order; returns a plugin's answer, or {@code null} to route. */
  private @Nullable Object runOnRequest() {
    Plugin[] plugins = snap.plugins;
    for (int i = 0; i < plugins.length; i++) {
      checkLive();
      Plugin p = plugins[i];
      ran = i + 1;
      RequestDecision d;
      try {
        d = p.onRequest(ex);
      } catch (GatewayException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new PluginException(p.name(), "onRequest", e);
      }
      if (d == null) {
        throw new PluginException(p.name(), "onRequest", new NullPointerException("returned null"));
      }
      switch (d.type()) {
        case PROCEED:
          break;
        case REPLACE:
          if (d.value() instanceof ChatRequest) {
            ex.request((ChatRequest) d.value());
          } else {
            ex.embeddingRequest((EmbeddingRequest) d.value());
          }
          break;
        case ANSWER:
          Object answer = d.value();
          if (ex.isEmbedding() != (answer instanceof EmbeddingResponse)) {
            throw new PluginException(p.name(), "onRequest",
                new IllegalStateException("answered with the wrong response type"));
          }
          responders = i;
          answerChunks = d.chunks();
          return answer;
        case REJECT:
          responders = i;
          throw (GatewayException) d.value();
        default:
          throw new IllegalStateException(d.type().toString());
      }
    }
    responders = plugins.length;
    return null;
  }

  private ChatResponse runOnResponse(ChatResponse response) {
    Plugin[] plugins = snap.plugins;
    for (int i = responders - 1; i >= 0; i--) {
      Plugin p = plugins[i];
      ResponseDecision d;
      try {
        d = p.onResponse(ex, response);
      } catch (GatewayException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new PluginException(p.name(), "onResponse", e);
      }
      if (d.type() == ResponseDecision.Type.REPLACE) {
        response = d.response();
      } else if (d.type() == ResponseDecision.Type.REJECT) {
        throw d.error();
      }
    }
    return response;
  }

  private RouteNode route() {
    checkLive();
    return snap.route(ex.currentModel());
  }

  // ---------------------------------------------------------------- attempts

  private ChatResponse chatAttempt(TargetRuntime t, AttemptCall call) {
    return t.provider.chat(ex.request(), call);
  }

  private EmbeddingResponse embedAttempt(TargetRuntime t, AttemptCall call) {
    return t.provider.embed(ex.embeddingRequest(), call);
  }

  private Void streamAttempt(TargetRuntime t, AttemptCall call) {
    GatewayChatStream out = stream;
    AttemptPipe pipe = new AttemptPipe(out, call.signal, call.branch, t);
    pipe.call = call;
    try {
      t.provider.stream(ex.request(), call, pipe);
    } catch (RuntimeException e) {
      if (!pipe.ended) {
        throw e;
      }
    } finally {
      pipe.stopWatch();
    }
    if (!pipe.ended && !pipe.rawFinished) {
      throw ProviderException.of(new ProviderError(t.provider.name(), 0, null, "incomplete_stream", null,
          "the stream ended without a finish reason", null, null));
    }
    pipe.flush();
    lastPipe = pipe;
    return null;
  }

  /** The plugins' reason to drop the target, or {@code null} to keep it. */
  private @Nullable String rejection(TargetRuntime t) {
    Plugin[] plugins = snap.plugins;
    if (plugins.length == 0) {
      return null;
    }
    String requested = ex.currentModel();
    TargetInfo info = t.info(t.model(requested == null ? "" : requested));
    for (Plugin p : plugins) {
      Eligibility e;
      try {
        e = p.eligible(ex, info);
      } catch (GatewayException ge) {
        throw ge;
      } catch (RuntimeException re) {
        throw new PluginException(p.name(), "eligible", re);
      }
      if (!e.eligible()) {
        return "dropped by " + p.name() + ": " + e.reason();
      }
    }
    return null;
  }

  private String routeName() {
    return snap.routeName(ex.currentModel());
  }

  private synchronized void reject(TargetRuntime t, String why) {
    if (rejections == null) {
      rejections = new LinkedHashMap<>(4);
    }
    rejections.put(t.name(), why);
  }

  private synchronized List<NoRouteException.Rejection> rejections() {
    List<NoRouteException.Rejection> list = new ArrayList<>();
    if (rejections != null) {
      rejections.forEach((target, reason) -> list.add(new NoRouteException.Rejection(target, reason)));
    }
    return list;
  }

  /** Called by the stream when a pipe commits: every hedge branch but the winner's line is cancelled. */
  void committed(AttemptPipe winner) {
    Branch b = winner.branch;
    List<Branch> hedges = hedgeBranches;
    if (hedges == null) {
      return;
    }
    for (Branch h : hedges) {
      if (b == null || !b.descendsFrom(h)) {
        h.cancel("lost the hedge");
      }
    }
  }

  /**
   * One line of execution of the route: the request itself, or a hedge branch of it with its own
   * cancellation. Implements what route nodes may ask.
   */
  final class Branch implements RouteContext {
    final CancelSignal signal;
    private final @Nullable Branch parent;

    Branch(CancelSignal signal, @Nullable Branch parent) {
      this.signal = signal;
      this.parent = parent;
    }

    boolean descendsFrom(Branch other) {
      for (Branch b = this; b != null; b = b.parent) {
        if (b == other) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String routeName() {
      return Call.this.routeName();
    }

    @Override
    public Exchange exchange() {
      return ex;
    }

    @Override
    public @Nullable String unavailable(TargetRuntime t) {
      String why = rejection(t);
      if (why == null && !t.state.breaker.isCallPermitted()) {
        why = "circuit open";
      }
      if (why == null && t.state.bulkheadFull()) {
        why = "at its maximum of " + t.target.maxConcurrency() + " concurrent calls";
      }
      if (why != null) {
        reject(t, why);
      }
      return why;
    }

    @Override
    public <R> R attempt(TargetRuntime t, AttemptRunner<R> runner) {
      RetryPolicy policy = t.target.retry();
      if (policy.maxAttempts() == 1) {
        return attemptOnce(t, runner); // the default: no retry machinery on the hot path
      }
      // Failsafe decides whether and when to retry; its async API runs on an inline scheduler, so
      // every attempt stays on this thread and every wait goes through the injected sleeper
      int[] attempts = {0};
      RetryDecision decision = new RetryDecision(policy, attempts);
      dev.failsafe.RetryPolicy<R> retry = dev.failsafe.RetryPolicy.<R>builder()
          .withMaxAttempts(policy.maxAttempts())
          .handleIf((result, e) -> e instanceof GatewayException && ((GatewayException) e).retryable()
              && !(e instanceof NoRouteException) && !committed() && !signal.isCancelled())
          // a Retry-After beyond the cap, or a wait the deadline cannot afford: move on
          .abortIf((result, e) -> e instanceof GatewayException && decision.of((GatewayException) e) == null)
          .withDelayFn(ctx -> {
            Throwable e = ctx.getLastException();
            Duration wait = e instanceof GatewayException ? decision.of((GatewayException) e) : null;
            return wait == null ? Duration.ZERO : wait;
          })
          .build();
      CompletableFuture<R> result = dev.failsafe.Failsafe.with(retry)
          .with(new InlineScheduler(this::sleep))
          .getAsync(() -> {
            attempts[0]++;
            return attemptOnce(t, runner);
          });
      try {
        return result.join(); // complete already: the scheduler ran everything inline
      } catch (java.util.concurrent.CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof GatewayException) {
          throw (GatewayException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw new GatewayException(ErrorKind.INTERNAL, "retry failed: " + cause, false, cause);
      }
    }

    /**
     * The wait before the next attempt, decided once per failed attempt (Failsafe asks from its
     * delay function and from {@code abortIf}, in an order it does not promise); {@code null}
     * means "do not retry this target".
     */
    private final class RetryDecision {
      private final RetryPolicy policy;
      private final int[] attempts;
      private int decidedFor = -1;
      private @Nullable Duration wait;

      RetryDecision(RetryPolicy policy, int[] attempts) {
        this.policy = policy;
        this.attempts = attempts;
      }

      @Nullable Duration of(GatewayException e) {
        if (decidedFor != attempts[0]) {
          decidedFor = attempts[0];
          Duration d = retryDelay(policy, attempts[0], e);
          wait = d == null || d.compareTo(ex.remaining()) >= 0 ? null : d;
        }
        return wait;
      }
    }

    private @Nullable Duration retryDelay(RetryPolicy policy, int attempt, GatewayException e) {
      if (e instanceof ProviderException) {
        Duration retryAfter = ((ProviderException) e).retryAfter();
        if (retryAfter != null) {
          return retryAfter.compareTo(policy.maxRetryAfter()) > 0 ? null : retryAfter;
        }
      }
      long ceiling = policy.backoffCeilingNanos(attempt);
      return Duration.ofNanos(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private void sleep(Duration d) {
      try {
        if (engine.sleeper() != null) {
          engine.sleeper().sleep(d, signal::isCancelled);
        } else {
          CompletableFuture<Void> woken = new CompletableFuture<>();
          ScheduledFuture<?> task = engine.scheduler().schedule(() -> woken.complete(null), d.toNanos(),
              TimeUnit.NANOSECONDS);
          Runnable wake = () -> woken.complete(null);
          signal.onCancel(wake);
          try {
            woken.get();
          } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
          } finally {
            task.cancel(false);
            signal.remove(wake);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        signal.cancel("interrupted");
      }
      // no throw on cancellation here: the next attempt's liveness check reports it
    }

    private <R> R attemptOnce(TargetRuntime t, AttemptRunner<R> runner) {
      checkLive();
      String why = rejection(t);
      if (why == null && !t.state.breaker.tryAcquire()) {
        why = "circuit open";
      }
      if (why != null) {
        reject(t, why);
        throw noRoute("its target is unavailable");
      }
      if (!t.state.tryEnter()) {
        t.state.breaker.onIgnored();
        reject(t, "at its maximum of " + t.target.maxConcurrency() + " concurrent calls");
        throw noRoute("its target is at capacity");
      }
      ScheduledFuture<?> timeoutTask = null;
      AttemptCall call = null;
      long start = engine.ticker().read();
      try {
        String requested = ex.currentModel();
        String model = t.model(requested == null ? "" : requested);
        if (model.isEmpty()) {
          throw new InvalidRequestException("no model was requested and target '" + t.name() + "' sets none",
              "model");
        }
        Plugin[] plugins = snap.plugins;
        TargetInfo info = ran == 0 ? null : t.info(model); // only plugins look at it
        for (int i = 0; i < ran; i++) {
          try {
            plugins[i].onAttempt(ex, info);
          } catch (GatewayException e) {
            throw e;
          } catch (RuntimeException e) {
            throw new PluginException(plugins[i].name(), "onAttempt", e);
          }
        }
        current = t;
        // a stream without an explicit timeout is bounded by the watchdog until its commit point
        // and by its idle timeout after it: a healthy long stream must not be cut by a total limit
        long deadline = stream != null && !explicitTimeout ? start + OPEN_ENDED_NANOS : ex.deadlineNanos();
        Duration perAttempt = t.target.attemptTimeout();
        if (perAttempt != null && stream == null) {
          deadline = Math.min(deadline, start + perAttempt.toNanos());
        }
        call = new AttemptCall(t, model, engine.ticker(), deadline, ex.attemptCount() + 1, signal.child(), this);
        if (perAttempt != null) {
          CancelSignal s = call.signal;
          // like the request deadline, it bounds a stream only up to its commit point
          timeoutTask = engine.scheduler().schedule(() -> {
            if (!committed()) {
              s.cancel(ATTEMPT_TIMEOUT);
            }
          }, perAttempt.toNanos(), TimeUnit.NANOSECONDS);
        }
        R result = runner.run(t, call);
        long elapsed = engine.ticker().read() - start;
        ex.addAttempt(Attempt.success(t.name(), t.provider.name(), Duration.ofNanos(elapsed)));
        t.state.breaker.onSuccess();
        t.state.latency.record(call.firstContentNanos > 0 ? call.firstContentNanos - start : elapsed);
        servedBy = t;
        return result;
      } catch (Throwable e) {
        GatewayException error = attemptFailure(e, t, call);
        Duration latency = Duration.ofNanos(engine.ticker().read() - start);
        boolean cancelled = error.kind() == ErrorKind.CANCELLED || error.kind() == ErrorKind.UNAVAILABLE;
        if (cancelled) {
          t.state.breaker.onIgnored();
        } else {
          t.state.breaker.onFailure(error);
        }
        int status = error instanceof ProviderException ? ((ProviderException) error).status() : 0;
        ex.addAttempt(new Attempt(t.name(), t.provider.name(),
            cancelled ? Attempt.Outcome.CANCELLED : Attempt.Outcome.FAILURE, latency, error.kind(), status,
            error.getMessage()));
        if (engine.hooks().enabled()) {
          engine.hooks().publish(new AttemptFailed(engine.clock().instant(), ex.requestId(), t.name(),
              t.provider.name(), error.kind(), status, error.retryable(), latency));
        }
        throw error;
      } finally {
        t.state.exit();
        if (timeoutTask != null) {
          timeoutTask.cancel(false);
        }
      }
    }

    /** Maps whatever an attempt threw to a typed error; cancellation wins over the symptom. */
    private GatewayException attemptFailure(Throwable e, TargetRuntime t, @Nullable AttemptCall call) {
      if (e instanceof Error) {
        throw (Error) e;
      }
      if (Call.this.signal.isCancelled()) {
        return cancellation(e);
      }
      String reason = call == null ? null : call.signal.reason();
      if (call != null && call.signal.isCancelled() && isTimeout(reason)) {
        return ProviderException.of(new ProviderError(t.provider.name(), 0, null, "timeout", null,
            reason + " passed on target '" + t.name() + "'", null, null), e);
      }
      if (signal.isCancelled() || call != null && call.signal.isCancelled() && !(e instanceof GatewayException)) {
        return new GatewayException(ErrorKind.CANCELLED, "attempt on '" + t.name() + "' was cancelled: "
            + (reason == null ? "cancelled" : reason), false, e);
      }
      if (e instanceof GatewayException) {
        return (GatewayException) e;
      }
      if (e instanceof CancellationException) {
        return new GatewayException(ErrorKind.CANCELLED, "attempt on '" + t.name() + "' was cancelled", false, e);
      }
      return ProviderException.of(ProviderError.of(t.provider.name(), 0,
          "provider adapter failed: " + e.getClass().getName() + ": " + e.getMessage()), e);
    }

    @Override
    public boolean mayMoveOn(GatewayException e, Set<FallbackTrigger> triggers) {
      if (committed() || Call.this.signal.isCancelled() || e.kind() == ErrorKind.TIMEOUT
          && !(e instanceof ProviderException)) {
        return false;
      }
      if (e instanceof NoRouteException || e.retryable()) {
        return true;
      }
      if (e instanceof ProviderRateLimitException) {
        return true; // an exhausted quota is not retryable here, but another account may serve
      }
      if (e instanceof ContentFilterException) {
        return triggers.contains(FallbackTrigger.CONTENT_FILTER);
      }
      if (e instanceof ProviderAuthenticationException) {
        return triggers.contains(FallbackTrigger.UPSTREAM_AUTHENTICATION);
      }
      if (e instanceof ProviderInvalidRequestException) {
        String code = ((ProviderException) e).error().code();
        String msg = e.getMessage() == null ? "" : e.getMessage();
        boolean context = code != null && code.contains("context_length")
            || msg.contains("context length") || msg.contains("context_length") || msg.contains("too long");
        return context && triggers.contains(FallbackTrigger.CONTEXT_LENGTH_EXCEEDED)
            || triggers.contains(FallbackTrigger.INVALID_REQUEST);
      }
      return false;
    }

    @Override
    public NoRouteException noRoute(String why) {
      NoRouteException e = new NoRouteException(routeName(), rejections());
      e.withAttempts(ex.attempts());
      return e;
    }

    @Override
    public boolean committed() {
      GatewayChatStream s = stream;
      return s != null && s.isCommitted();
    }

    @Override
    public RouteContext branch() {
      Branch b = new Branch(signal.child(), this);
      synchronized (Call.this) {
        if (hedgeBranches == null) {
          hedgeBranches = new CopyOnWriteArrayList<>();
        }
        hedgeBranches.add(b);
      }
      return b;
    }

    @Override
    public void cancel(String why) {
      signal.cancel(why);
    }

    @Override
    public Executor executor() {
      return engine.executor();
    }

    @Override
    public PriceTable prices() {
      return engine.prices();
    }

    @Override
    public TargetState state(TargetRuntime t) {
      return t.state;
    }

    @Override
    public int random(int bound) {
      return ThreadLocalRandom.current().nextInt(bound);
    }

    @Override
    public double random() {
      return ThreadLocalRandom.current().nextDouble();
    }
  }

  private static boolean isTimeout(@Nullable String reason) {
    return ATTEMPT_TIMEOUT.equals(reason) || FIRST_CHUNK_TIMEOUT.equals(reason) || IDLE_TIMEOUT.equals(reason);
  }

  // ---------------------------------------------------------------- end of a request

  private void checkLive() {
    if (signal.isCancelled()) {
      throw cancellation(null);
    }
  }

  private GatewayException cancellation(@Nullable Throwable cause) {
    String reason = signal.reason();
    if (DEADLINE.equals(reason)) {
      return new GatewayTimeoutException("the request's deadline of " + timeout.toMillis() + " ms passed", cause);
    }
    if (Engine.CLOSED.equals(reason)) {
      return new GatewayException(ErrorKind.UNAVAILABLE, "the gateway closed before the request finished", true, cause);
    }
    return new GatewayException(ErrorKind.CANCELLED, "the request was " + (reason == null ? "cancelled" : reason),
        false, cause);
  }

  /** The request's error: a cancellation (caller, deadline, close) wins over its symptoms. */
  private GatewayException failure(Throwable t) {
    if (t instanceof Error) {
      throw (Error) t;
    }
    GatewayException e;
    if (signal.isCancelled()) {
      e = cancellation(t);
    } else if (engine.ticker().read() - ex.deadlineNanos() >= 0
        && (!(t instanceof GatewayException) || ((GatewayException) t).retryable())) {
      // the provider noticed the deadline before our timer did: same story, same error
      e = new GatewayTimeoutException("the request's deadline of " + timeout.toMillis() + " ms passed", t);
    } else if (t instanceof GatewayException) {
      e = (GatewayException) t;
    } else {
      e = new GatewayException(ErrorKind.INTERNAL, "internal error: " + t, false, t);
    }
    e.withAttempts(ex.attempts());
    return e;
  }

  private ResponseMetadata metadata(ResponseMetadata from) {
    TargetRuntime t = servedBy;
    Map<String, Object> attrs = ex.responseAttributes();
    ResponseMetadata.Builder b = from.toBuilder()
        .target(t == null ? from.target() : t.name())
        .provider(t == null ? from.provider() : t.provider.name())
        .attempts(ex.attempts())
        .latency(Duration.ofNanos(engine.ticker().read() - startNanos));
    if (ex.cacheResult() != null) {
      b.cache(ex.cacheResult());
    }
    if (!attrs.isEmpty()) {
      b.attributes(attrs);
    }
    return b.build();
  }

  StreamStart streamStart() {
    TargetRuntime t = servedBy != null ? servedBy : current;
    return new StreamStart(t == null ? null : t.name(), t == null ? null : t.provider.name(), ex.attempts(),
        ex.cacheResult());
  }

  private void end(@Nullable ChatResponse response, @Nullable EmbeddingResponse embedding,
      @Nullable GatewayException error) {
    ScheduledFuture<?> task = deadlineTask;
    if (task != null) {
      task.cancel(false);
    }
    try {
      Outcome.Status status = error == null ? Outcome.Status.SUCCESS
          : error.kind() == ErrorKind.CANCELLED || stream != null && stream.isCancelled()
              ? Outcome.Status.CANCELLED : Outcome.Status.FAILURE;
      TargetRuntime t = servedBy;
      Usage usage = response != null ? response.usage() : embedding != null ? embedding.usage() : Usage.ZERO;
      Duration latency = Duration.ofNanos(engine.ticker().read() - startNanos);
      List<Attempt> attempts = ex.attempts();
      Outcome outcome = new Outcome(status, t == null ? null : t.name(), t == null ? null : t.provider.name(),
          usage, attempts, latency, response, embedding, error);
      Plugin[] plugins = snap.plugins;
      for (int i = plugins.length - 1; i >= 0; i--) {
        try {
          plugins[i].onComplete(ex, outcome);
        } catch (Throwable ignored) {
          engine.pluginFailure();
        }
      }
      if (engine.hooks().enabled()) {
        engine.hooks().publish(new RequestCompleted(engine.clock().instant(), ex.requestId(), ex.door(),
            ex.requestedModel(), outcome.target(), outcome.provider(), status,
            error == null ? null : error.kind(), attempts.size(), latency, usage));
      }
    } finally {
      engine.exit(this);
    }
  }

  // ---------------------------------------------------------------- stream plumbing

  /**
   * The sink a provider streams into for one attempt: notes whether the raw stream finished,
   * then runs each chunk through the transformers of the plugins that get {@code onStream}, in
   * reverse order, into the stream's output.
   */
  final class AttemptPipe implements ChunkSink {
    private final GatewayChatStream out;
    private final CancelSignal attemptSignal;
    final @Nullable Branch branch;
    private final StreamTransformer[] transformers;
    private final String[] names;
    private final Stage[] outputs;
    final List<ChatChunk> pending = new ArrayList<>(4);
    boolean rawFinished;
    boolean ended;
    private volatile long lastChunk;
    private volatile boolean sawChunk;
    private final @Nullable Duration firstChunkTimeout;
    private final @Nullable Duration idleTimeout;
    private volatile @Nullable ScheduledFuture<?> watch;
    @Nullable AttemptCall call;

    AttemptPipe(GatewayChatStream out, CancelSignal attemptSignal, @Nullable Branch branch,
        @Nullable TargetRuntime target) {
      this.out = out;
      this.attemptSignal = attemptSignal;
      this.branch = branch;
      Plugin[] plugins = snap.plugins;
      List<StreamTransformer> ts = new ArrayList<>(0);
      List<String> ns = new ArrayList<>(0);
      for (int i = responders - 1; i >= 0; i--) {
        StreamTransformer tr;
        try {
          tr = plugins[i].onStream(ex);
        } catch (GatewayException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new PluginException(plugins[i].name(), "onStream", e);
        }
        if (tr != null) {
          ts.add(tr);
          ns.add(plugins[i].name());
        }
      }
      transformers = ts.toArray(new StreamTransformer[0]);
      names = ns.toArray(new String[0]);
      outputs = new Stage[transformers.length];
      for (int i = 0; i < outputs.length; i++) {
        outputs[i] = new Stage(i + 1);
      }
      firstChunkTimeout = target == null ? null : target.target.firstChunkTimeout();
      idleTimeout = target == null ? null
          : target.target.idleTimeout() != null ? target.target.idleTimeout() : snap.streamIdleTimeout;
      lastChunk = engine.ticker().read();
      scheduleWatch(firstChunkTimeout != null ? firstChunkTimeout.toNanos()
          : idleTimeout != null ? idleTimeout.toNanos() : -1);
    }

    /** Checks the first-chunk and idle timeouts on the scheduler, without a task per chunk. */
    private void scheduleWatch(long delayNanos) {
      if (delayNanos > 0) {
        watch = engine.scheduler().schedule(this::checkTimeouts, delayNanos, TimeUnit.NANOSECONDS);
      }
    }

    private void checkTimeouts() {
      long silent = engine.ticker().read() - lastChunk;
      Duration limit = sawChunk ? idleTimeout : firstChunkTimeout;
      if (limit == null) {
        if (!sawChunk && idleTimeout != null) {
          scheduleWatch(idleTimeout.toNanos());
        }
        return;
      }
      if (silent >= limit.toNanos()) {
        attemptSignal.cancel(sawChunk ? IDLE_TIMEOUT : FIRST_CHUNK_TIMEOUT);
      } else {
        scheduleWatch(limit.toNanos() - silent);
      }
    }

    void stopWatch() {
      ScheduledFuture<?> w = watch;
      if (w != null) {
        w.cancel(false);
      }
    }

    @Override
    public void emit(ChatChunk chunk) {
      if (ended || attemptSignal.isCancelled()) {
        throw new CancellationException("the stream attempt was cancelled");
      }
      if (chunk.finishReason() != null) {
        rawFinished = true;
      }
      lastChunk = engine.ticker().read();
      sawChunk = true;
      AttemptCall c = call;
      if (c != null && c.firstContentNanos == 0 && chunk.hasContent()) {
        c.firstContentNanos = lastChunk;
      }
      push(0, chunk);
    }

    void push(int stage, ChatChunk chunk) {
      if (stage == transformers.length) {
        out.deliver(this, chunk);
        return;
      }
      try {
        transformers[stage].onChunk(chunk, outputs[stage]);
      } catch (GatewayException | CancellationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new PluginException(names[stage], "onStream", e);
      }
    }

    void flush() {
      for (int i = 0; i < transformers.length; i++) {
        try {
          transformers[i].flush(outputs[i]);
        } catch (GatewayException | CancellationException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new PluginException(names[i], "onStream.flush", e);
        }
      }
    }

    private final class Stage implements StreamTransformer.Output {
      private final int next;

      Stage(int next) {
        this.next = next;
      }

      @Override
      public void emit(ChatChunk chunk) {
        push(next, chunk);
      }

      @Override
      public void end() {
        if (!ended) {
          ended = true;
          rawFinished = true;
          attemptSignal.cancel("ended by a plugin");
        }
      }
    }
  }
}
