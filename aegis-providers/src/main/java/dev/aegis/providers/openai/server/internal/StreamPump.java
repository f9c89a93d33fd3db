package dev.aegis.providers.openai.server.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.StreamStart;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.providers.openai.internal.ChatCompletionsResponseEncoder;
import dev.aegis.providers.openai.server.ServerResponse;
import dev.aegis.providers.openai.server.ServerScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Pumps one {@link ChatStream} to a {@link ServerResponse} as Server-Sent Events.
 *
 * <p>The status waits for the stream's commit point ({@link ChatStream#started()}), so a failure
 * before the first chunk is a real HTTP error; a failure after it is one SSE {@code error} event
 * and the end of the response, never a {@code [DONE]}. When the first chunk takes longer than the
 * keep-alive delay, the pump commits {@code 200} and writes {@code : keep-alive} comments until it
 * arrives. Chunks are requested one at a time, the next only when the previous write completed,
 * so a slow client slows the provider. A client that goes away closes the stream, which cancels
 * the upstream call.
 *
 * <p>Thread-safe: every signal (chunks, timers, write completions, the client closing) is
 * serialised through one {@link SerialQueue}; the fields are touched only from its tasks.
 */
public final class StreamPump implements Flow.Subscriber<ChatChunk> {
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

  /** What the pump needs besides the stream and the response. */
  public record Settings(String requestId, String id, String model, long created, boolean includeUsage,
      Duration keepAliveAfter, Duration keepAliveEvery, Duration retryAfter, ServerScheduler scheduler,
      Function<@Nullable StreamStart, Map<String, String>> headers) {}

  private final ChatStream stream;
  private final ServerResponse response;
  private final Settings settings;
  private final SerialQueue serial = new SerialQueue();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(4);
  private Flow.@Nullable Subscription subscription;
  private @Nullable Runnable cancelTimer;
  private @Nullable Usage usage;
  private String id;
  private String model;
  private boolean committed;
  private boolean firstChunk;
  private boolean writing;
  private boolean ending;
  private boolean done;

  public StreamPump(ChatStream stream, ServerResponse response, Settings settings) {
    this.stream = stream;
    this.response = response;
    this.settings = settings;
    this.id = settings.id();
    this.model = settings.model();
  }

  /** Subscribes and starts the keep-alive timer. */
  public void start() {
    response.onClose(() -> serial.execute(this::clientGone));
    stream.started().whenComplete((start, error) -> {
      if (start != null) serial.execute(() -> commit(start));
    });
    serial.execute(() -> cancelTimer = settings.scheduler().schedule(settings.keepAliveAfter(),
        () -> serial.execute(this::keepAlive)));
    stream.subscribe(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    serial.execute(() -> {
      subscription = s;
      if (done) {
        s.cancel();
      } else {
        s.request(1);
      }
    });
  }

  @Override
  public void onNext(ChatChunk chunk) {
    serial.execute(() -> next(chunk));
  }

  @Override
  public void onError(Throwable error) {
    serial.execute(() -> failed(error));
  }

  @Override
  public void onComplete() {
    serial.execute(this::completed);
  }

  private void commit(@Nullable StreamStart start) {
    if (committed || done) return;
    committed = true;
    Map<String, String> headers = new LinkedHashMap<>(settings.headers().apply(start));
    headers.put("content-type", "text/event-stream; charset=utf-8");
    headers.put("cache-control", "no-cache");
    headers.put("x-accel-buffering", "no");
    response.open(200, headers);
  }

  private void next(ChatChunk chunk) {
    if (done || ending) return;
    if (!committed) commit(stream.started().getNow(null));
    stopTimer();
    if (!firstChunk) {
      firstChunk = true;
      if (!chunk.id().isEmpty()) id = chunk.id();
      if (!chunk.model().isEmpty()) model = chunk.model();
    }
    if (chunk.usage() != null) usage = chunk.usage();
    byte[] json = ChatCompletionsResponseEncoder.chunk(chunk, id, model, settings.created());
    if (json == null) {
      requestNext();
      return;
    }
    enqueue(event(json), true);
  }

  private void failed(Throwable error) {
    if (done || ending) return;
    stopTimer();
    GatewayException e = ErrorReplies.unwrap(error);
    if (!committed) {
      done = true;
      Map<String, String> headers = new LinkedHashMap<>(settings.headers().apply(null));
      headers.put("content-type", "application/json");
      // the stream never started, so its start headers carry no attempts: name them as a whole answer does
      ErrorReplies.attempts(e.attempts(), headers);
      ErrorReplies.retryAfter(e, settings.retryAfter(), headers);
      response.send(e.kind().httpStatus(), headers, ErrorReplies.body(e));
      return;
    }
    enqueue(ErrorReplies.event(e), false);
    finish();
  }

  private void completed() {
    if (done || ending) return;
    stopTimer();
    if (!committed) commit(stream.started().getNow(null));
    // the usage event and [DONE] leave in one write: one flush and one write completion, not two
    Usage u = usage;
    enqueue(settings.includeUsage() && u != null
        ? frame(DATA, ChatCompletionsResponseEncoder.usageChunk(u, id, model, settings.created()), DONE)
        : DONE, false);
    finish();
  }

  private void keepAlive() {
    if (done || ending || firstChunk) return;
    commit(null);
    enqueue(KEEP_ALIVE, false);
    cancelTimer = settings.scheduler().schedule(settings.keepAliveEvery(), () -> serial.execute(this::keepAlive));
  }

  private void clientGone() {
    if (done) return;
    done = true;
    stopTimer();
    queue.clear();
    stream.close();
  }

  private void finish() {
    ending = true;
    drain();
  }

  private void enqueue(byte[] bytes, boolean thenRequest) {
    queue.add(new Pending(bytes, thenRequest));
    drain();
  }

  private void drain() {
    if (done || writing) return;
    Pending next = queue.poll();
    if (next != null) {
      writing = true;
      response.write(next.bytes).whenComplete((ok, error) -> serial.execute(() -> written(next, error)));
    } else if (ending) {
      done = true;
      response.end();
    }
  }

  private void written(Pending p, @Nullable Throwable error) {
    writing = false;
    if (error != null) {
      clientGone();
      return;
    }
    if (p.thenRequest) requestNext();
    drain();
  }

  private void requestNext() {
    Flow.Subscription s = subscription;
    if (s != null && !done && !ending) s.request(1);
  }

  private void stopTimer() {
    Runnable cancel = cancelTimer;
    cancelTimer = null;
    if (cancel != null) cancel.run();
  }

  private static byte[] event(byte[] json) {
    return frame(DATA, json, EMPTY);
  }

  /** One SSE event: {@code head} (the field names), the JSON, and the blank line that ends it. */
  static byte[] frame(byte[] head, byte[] json) {
    return frame(head, json, EMPTY);
  }

  /** One SSE event as {@link #frame(byte[], byte[])}, followed by {@code tail} in the same array. */
  private static byte[] frame(byte[] head, byte[] json, byte[] tail) {
    byte[] out = new byte[head.length + json.length + 2 + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(json, 0, out, head.length, json.length);
    int end = head.length + json.length;
    out[end] = '\n';
    out[end + 1] = '\n';
    System.arraycopy(tail, 0, out, end + 2, tail.length);
    return out;
  }

  private record Pending(byte[] bytes, boolean thenRequest) {}
}
