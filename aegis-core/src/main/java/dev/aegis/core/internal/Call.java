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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
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
final class Call implements RouteContext {
  private static final String DEADLINE = "deadline";

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
  private volatile @Nullable TargetRuntime servedBy;
  private volatile @Nullable TargetRuntime current;
  private @Nullable GatewayChatStream stream;
  private @Nullable ScheduledFuture<?> deadlineTask;

  Call(Engine engine, Snapshot snap, CoreExchange ex, long startNanos, Duration timeout, boolean explicitTimeout) {
    this.engine = engine;
    this.snap = snap;
    this.ex = ex;
    this.startNanos = startNanos;
    this.timeout = timeout;
    this.explicitTimeout = explicitTimeout;
  }

  // ---------------------------------------------------------------- doors

  ChatResponse runChat() {
    ChatResponse response = null;
    GatewayException error = null;
    try {
      begin();
      Object answer = runOnRequest();
      response = answer != null ? (ChatResponse) answer : route().execute(this, this::chatAttempt);
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
      response = answer != null ? (EmbeddingResponse) answer : route().execute(this, this::embedAttempt);
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
        AttemptPipe pipe = new AttemptPipe(out, signal);
        for (ChatChunk chunk : ResponseChunks.of((ChatResponse) answer)) {
          pipe.emit(chunk);
        }
        pipe.flush();
      } else {
        route().execute(this, this::streamAttempt);
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
        out.commitRemaining();
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
    out.discardAttempt();
    AttemptPipe pipe = new AttemptPipe(out, call.signal);
    try {
      t.provider.stream(ex.request(), call, pipe);
    } catch (RuntimeException e) {
      if (!pipe.ended) {
        throw e;
      }
    }
    if (!pipe.ended && !pipe.rawFinished) {
      throw ProviderException.of(new ProviderError(t.provider.name(), 0, null, "incomplete_stream", null,
          "the stream ended without a finish reason", null, null));
    }
    pipe.flush();
    return null;
  }

  @Override
  public <R> R attempt(TargetRuntime t, AttemptRunner<R> runner) {
    checkLive();
    String why = rejection(t);
    if (why != null) {
      throw new NoRouteException(routeName(), List.of(new NoRouteException.Rejection(t.name(), why)));
    }
    String requested = ex.currentModel();
    String model = t.model(requested == null ? "" : requested);
    if (model.isEmpty()) {
      throw new InvalidRequestException("no model was requested and target '" + t.name() + "' sets none", "model");
    }
    TargetInfo info = t.info(model);
    Plugin[] plugins = snap.plugins;
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
    AttemptCall call = new AttemptCall(t, model, engine.ticker(), ex.deadlineNanos(), ex.attemptCount() + 1,
        signal.child());
    long start = engine.ticker().read();
    try {
      R result = runner.run(t, call);
      ex.addAttempt(Attempt.success(t.name(), t.provider.name(), Duration.ofNanos(engine.ticker().read() - start)));
      servedBy = t;
      return result;
    } catch (Throwable e) {
      GatewayException error = attemptFailure(e, t, call);
      Duration latency = Duration.ofNanos(engine.ticker().read() - start);
      boolean cancelled = call.signal.isCancelled() && error.kind() != ErrorKind.STREAM_FAILED;
      int status = error instanceof ProviderException ? ((ProviderException) error).status() : 0;
      ex.addAttempt(new Attempt(t.name(), t.provider.name(),
          cancelled ? Attempt.Outcome.CANCELLED : Attempt.Outcome.FAILURE, latency, error.kind(), status,
          error.getMessage()));
      if (engine.hooks().enabled()) {
        engine.hooks().publish(new AttemptFailed(engine.clock().instant(), ex.requestId(), t.name(),
            t.provider.name(), error.kind(), status, error.retryable(), latency));
      }
      throw error;
    }
  }

  /** Maps whatever an attempt threw to a typed error; cancellation wins over the symptom. */
  private GatewayException attemptFailure(Throwable e, TargetRuntime t, AttemptCall call) {
    if (signal.isCancelled()) {
      return cancellation(e);
    }
    if (e instanceof GatewayException) {
      return (GatewayException) e;
    }
    if (e instanceof CancellationException && call.signal.isCancelled()) {
      return new GatewayException(ErrorKind.CANCELLED, "attempt on '" + t.name() + "' was cancelled", true, e);
    }
    if (e instanceof Error) {
      throw (Error) e;
    }
    return ProviderException.of(ProviderError.of(t.provider.name(), 0,
        "provider adapter failed: " + e.getClass().getName() + ": " + e.getMessage()), e);
  }

  @Override
  public @Nullable String rejection(TargetRuntime t) {
    Plugin[] plugins = snap.plugins;
    if (plugins.length == 0) {
      return null;
    }
    TargetInfo info = null;
    for (Plugin p : plugins) {
      if (info == null) {
        String requested = ex.currentModel();
        info = t.info(t.model(requested == null ? "" : requested));
      }
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

  @Override
  public void requireEligible(TargetRuntime t) {
    String why = rejection(t);
    if (why != null) {
      throw new NoRouteException(routeName(), List.of(new NoRouteException.Rejection(t.name(), why)));
    }
  }

  @Override
  public String routeName() {
    return snap.routeName(ex.currentModel());
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
    if (!attrs.isEmpty()) {
      b.attributes(attrs);
    }
    return b.build();
  }

  StreamStart streamStart() {
    TargetRuntime t = servedBy != null ? servedBy : current;
    return new StreamStart(t == null ? null : t.name(), t == null ? null : t.provider.name(), ex.attempts());
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
  private final class AttemptPipe implements ChunkSink {
    private final GatewayChatStream out;
    private final CancelSignal attemptSignal;
    private final StreamTransformer[] transformers;
    private final String[] names;
    private final Stage[] outputs;
    boolean rawFinished;
    boolean ended;

    AttemptPipe(GatewayChatStream out, CancelSignal attemptSignal) {
      this.out = out;
      this.attemptSignal = attemptSignal;
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
    }

    @Override
    public void emit(ChatChunk chunk) {
      if (ended || attemptSignal.isCancelled()) {
        throw new CancellationException("the stream attempt was cancelled");
      }
      if (chunk.finishReason() != null) {
        rawFinished = true;
      }
      push(0, chunk);
    }

    void push(int stage, ChatChunk chunk) {
      if (stage == transformers.length) {
        out.deliver(chunk);
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
