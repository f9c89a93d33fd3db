package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.StreamStart;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.GatewayTimeoutException;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.api.internal.ErrorAttempts;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.core.internal.telemetry.RequestLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One request's run through the pipeline: the single state machine behind every door. It only
 * sequences the stages and hands each concern to its owner:
 *
 * <pre>
 * begin (deadline) -> request stage ({@link PluginStages#request}) -> route (the route's
 * {@link RouteNode}s over {@link CallBranch}; each attempt by {@link AttemptExecutor}, retried by
 * {@link TargetRetry}, judged by {@link FailureClassifier}) -> response stage
 * ({@link CallOutput#respond}: onResponse, or the stream's release) -> complete (onComplete,
 * event, observer) -> deliver ({@link CallOutput#deliver}: return or throw, future, stream end)
 * </pre>
 *
 * <p>The call's thread runs the stages; hedge branches run attempts on the executor, so what
 * they record (the serving target, rejections, hedge branches) is thread-safe.
 */
final class Call {
  static final String DEADLINE = "deadline";

  final Engine engine;
  final Snapshot snap;
  final CoreExchange ex;
  final CancelSignal signal = new CancelSignal();
  final PluginStages stages;
  final CallObserver observer;
  private final long startNanos;
  private final boolean explicitTimeout;
  private final Duration timeout;
  private final CallBranch root;
  private CallOutput<?> output = ResponseOutput.Chat.INSTANCE;
  private volatile @Nullable TargetRuntime servedBy;
  private volatile @Nullable TargetRuntime current;
  private @Nullable ScheduledFuture<?> deadlineTask;
  /** Hedge branches, created on the first hedge (most requests never hedge). */
  private volatile @Nullable List<CallBranch> hedgeBranches;
  /** Why targets were set aside, created on the first rejection. Guarded by {@code this}. */
  private @Nullable Map<String, String> rejections;

  Call(Engine engine, Snapshot snap, CoreExchange ex, long startNanos, Duration timeout, boolean explicitTimeout) {
    this.engine = engine;
    this.snap = snap;
    this.ex = ex;
    this.startNanos = startNanos;
    this.timeout = timeout;
    this.explicitTimeout = explicitTimeout;
    this.stages = new PluginStages(snap.plugins, ex);
    this.root = new CallBranch(this, signal, null);
    this.observer = engine.observe(ex);
    if (observer != CallObserver.NOOP) {
      ex.observer(observer);
    }
    ex.signal(signal);
  }

  /** Runs every stage into {@code out}; what the caller gets is {@link CallOutput#deliver}'s. */
  <R> @Nullable R run(CallOutput<R> out) {
    output = out;
    R result = null;
    GatewayException error = null;
    try {
      begin();
      Object answer = stages.request(this);
      result = answer != null ? out.answered(this, answer) : route().execute(root, out);
      result = out.respond(this, result);
    } catch (Throwable t) {
      error = out.failed(this, failure(t));
    }
    try {
      complete(out, result, error); // plugins see the end before the caller does
    } finally {
      result = out.deliver(this, result, error);
    }
    return result;
  }

  private void begin() {
    engine.enter(this);
    if (explicitTimeout || !timeout.isZero()) {
      deadlineTask = engine.scheduler().schedule(this::deadlineReached, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void deadlineReached() {
    // a committed stream is healthy: only an explicit timeout may cut it
    if (!output.streams() || explicitTimeout || !output.committed()) {
      signal.cancel(DEADLINE);
    }
  }

  private RouteNode route() {
    checkLive();
    return snap.route(ex.currentModel());
  }

  // ---------------------------------------------------------------- what attempts and branches report

  boolean streams() {
    return output.streams();
  }

  boolean committed() {
    return output.committed();
  }

  boolean explicitTimeout() {
    return explicitTimeout;
  }

  String routeName() {
    return snap.routeName(ex.currentModel());
  }

  /** An attempt on {@code t} is about to call its provider. */
  void attempting(TargetRuntime t) {
    current = t;
  }

  /** {@code t} served the request. */
  void served(TargetRuntime t) {
    servedBy = t;
  }

  /** The provider that served, or the one being tried; {@code null} before the first attempt. */
  @Nullable String providerName() {
    TargetRuntime t = servedBy != null ? servedBy : current;
    return t == null ? null : t.provider.name();
  }

  synchronized void reject(TargetRuntime t, String why) {
    if (rejections == null) {
      rejections = new LinkedHashMap<>(4);
    }
    rejections.put(t.name(), why);
  }

  synchronized List<NoRouteException.Rejection> rejections() {
    List<NoRouteException.Rejection> list = new ArrayList<>();
    if (rejections != null) {
      rejections.forEach((target, reason) -> list.add(new NoRouteException.Rejection(target, reason)));
    }
    return list;
  }

  /** A new hedge branch under {@code parent}, registered so that a commit can cancel the losers. */
  CallBranch hedgeBranch(CallBranch parent) {
    CallBranch b = new CallBranch(this, parent.signal.child(), parent);
    synchronized (this) {
      if (hedgeBranches == null) {
        hedgeBranches = new CopyOnWriteArrayList<>();
      }
      hedgeBranches.add(b);
    }
    return b;
  }

  /** A stream committed to {@code winner}'s attempt: every hedge branch off the winner's line is cancelled. */
  void committedTo(AttemptPipe winner) {
    List<CallBranch> hedges = hedgeBranches;
    if (hedges == null) {
      return;
    }
    CallBranch b = winner.branch;
    for (CallBranch h : hedges) {
      if (b == null || !b.descendsFrom(h)) {
        h.cancel("lost the hedge");
      }
    }
  }

  // ---------------------------------------------------------------- errors

  void checkLive() {
    if (signal.isCancelled()) {
      throw cancellation(null);
    }
  }

  /** The error for a cancelled call: the deadline, the gateway closing, or the caller. */
  GatewayException cancellation(@Nullable Throwable cause) {
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
    return ErrorAttempts.attach(e, ex.attempts());
  }

  // ---------------------------------------------------------------- the end

  ResponseMetadata metadata(ResponseMetadata from) {
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
    java.math.BigDecimal cost = ex.responseCost();
    if (cost != null && from.cost() == null) {
      b.cost(cost);
    }
    return b.build();
  }

  StreamStart streamStart() {
    TargetRuntime t = servedBy != null ? servedBy : current;
    return new StreamStart(t == null ? null : t.name(), t == null ? null : t.provider.name(), ex.attempts(),
        ex.responseAttributes(), ex.cacheResult());
  }

  /** The complete stage: every plugin's onComplete, exactly once, then the event and the observer. */
  private <R> void complete(CallOutput<R> out, @Nullable R result, @Nullable GatewayException error) {
    ScheduledFuture<?> task = deadlineTask;
    if (task != null) {
      task.cancel(false);
    }
    try {
      ChatResponse response = out.chatResponse(this, result);
      EmbeddingResponse embedding = out.embeddingResponse(result);
      Outcome.Status status = error == null ? Outcome.Status.SUCCESS
          : error.kind() == ErrorKind.CANCELLED || out.cancelledByCaller()
              ? Outcome.Status.CANCELLED : Outcome.Status.FAILURE;
      TargetRuntime t = servedBy;
      Usage usage = response != null ? response.usage() : embedding != null ? embedding.usage() : Usage.ZERO;
      Duration latency = Duration.ofNanos(engine.ticker().read() - startNanos);
      Outcome outcome = new Outcome(status, t == null ? null : t.name(), t == null ? null : t.provider.name(),
          usage, ex.attempts(), latency, response, embedding, error);
      stages.complete(outcome, engine);
      boolean hooked = engine.hooks().enabled();
      if (hooked || observer != CallObserver.NOOP) {
        // a whole response carries the gateway's metadata already; a stream's is made here
        ResponseMetadata meta = !out.streams() && response != null ? response.metadata()
            : embedding != null ? embedding.metadata() : metadata(ResponseMetadata.EMPTY);
        if (hooked) {
          CallEvents.ended(this, outcome, meta);
        }
        observer.end(outcome, meta);
      }
      try {
        RequestLog.ended(ex, outcome, TelemetryListener.traceId(observer), engine.logPrompts(), response);
      } catch (RuntimeException ignored) {
        // logging never fails a request
      }
    } finally {
      engine.exit(this);
    }
  }
}
