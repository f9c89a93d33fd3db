package dev.aegis.core.internal;

import dev.aegis.api.Ticker;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.provider.ProviderCall;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ProviderCall} of one attempt: its own cancel signal (a child of its branch's), its
 * deadline, its headers (the target's, plus any an observer added), and what the attempt learnt
 * for the record (first content time, usage, response model).
 *
 * <p>Used by the attempt's thread; {@link #isCancelled} and {@link #onCancel} from any thread.
 */
final class AttemptCall implements ProviderCall, OutboundHeaders {
  private final TargetRuntime target;
  private final String model;
  private final Ticker ticker;
  private final long deadline;
  private final int attempt;
  final CancelSignal signal;
  final CallBranch branch;
  private Map<String, String> headers;
  /** When the first content chunk of a stream arrived (ticker reading), or 0. */
  private volatile long firstContentNanos;
  private @Nullable Usage usage;
  private @Nullable String responseModel;

  AttemptCall(TargetRuntime target, String model, Ticker ticker, long deadline, int attempt, CancelSignal signal,
      CallBranch branch) {
    this.target = target;
    this.model = model;
    this.ticker = ticker;
    this.deadline = deadline;
    this.attempt = attempt;
    this.signal = signal;
    this.branch = branch;
    this.headers = target.target.headers();
  }

  @Override public String target() { return target.name(); }
  @Override public String model() { return model; }
  @Override public Map<String, String> headers() { return headers; }
  @Override public Map<String, Object> params() { return target.params; }
  @Override public Ticker ticker() { return ticker; }
  @Override public long deadlineNanos() { return deadline; }
  @Override public boolean isCancelled() { return signal.isCancelled(); }
  @Override public void onCancel(Runnable action) { signal.onCancel(action); }
  @Override public int attempt() { return attempt; }

  @Override
  public void put(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    headers = Map.copyOf(copy);
  }

  /** The call this attempt belongs to. */
  Call owner() {
    return branch.call;
  }

  /** Notes a stream chunk that arrived at {@code now}. */
  void chunkArrived(ChatChunk chunk, long now) {
    if (firstContentNanos == 0 && chunk.hasContent()) {
      firstContentNanos = now;
    }
    if (chunk.usage() != null) {
      usage = chunk.usage();
    }
    responseModel = chunk.model();
  }

  /** Notes what a whole response reported. */
  void responded(@Nullable Usage usage, @Nullable String responseModel) {
    this.usage = usage;
    this.responseModel = responseModel;
  }

  /** When the first content chunk arrived, or 0 (not a stream, or no content yet). */
  long firstContentNanos() {
    return firstContentNanos;
  }

  @Nullable Usage usage() {
    return usage;
  }

  @Nullable String responseModel() {
    return responseModel;
  }
}
