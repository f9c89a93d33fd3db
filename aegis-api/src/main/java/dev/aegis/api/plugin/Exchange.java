package dev.aegis.api.plugin;

import dev.aegis.api.Attempt;
import dev.aegis.api.CacheControl;
import dev.aegis.api.Principal;
import dev.aegis.api.Ticker;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.event.GatewayEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request on its way through the gateway, as plugins see it: the current request (after
 * earlier plugins' replacements), who it is for, its labels and private attributes, its
 * deadline, and the attempts made so far.
 *
 * <p>Thread-safe: stages of one request may run on different threads (a stream's producer, a
 * hedge), and labels and attributes are concurrent.
 */
public interface Exchange {

  /** Which door the request came through. */
  enum Door {
    /** {@code route()}: on the caller's thread. */
    ROUTE,
    /** {@code routeAsync()}: on the gateway's executor. */
    ROUTE_ASYNC,
    /** {@code routeStream()}. */
    STREAM,
    /** {@code embed()}. */
    EMBED
  }

  /** The gateway-assigned (or caller-given) request id. */
  String requestId();

  Door door();

  /** Whether the answer is streamed. */
  default boolean isStreaming() {
    return door() == Door.STREAM;
  }

  /** Whether this is an embedding request ({@link #embeddingRequest()}) rather than chat. */
  default boolean isEmbedding() {
    return door() == Door.EMBED;
  }

  /**
   * The current chat request.
   *
   * @throws IllegalStateException for an embedding request
   */
  ChatRequest request();

  /**
   * The current embedding request.
   *
   * @throws IllegalStateException for a chat request
   */
  EmbeddingRequest embeddingRequest();

  /** The model or alias the caller asked for, or {@code null} for the default route. */
  @Nullable String requestedModel();

  /** The caller's credential (a virtual key) from the request options, or {@code null}. Never log it. */
  @Nullable String credential();

  /** The principal, given by the host or set by an authentication plugin; {@code null} if unknown. */
  @Nullable Principal principal();

  /** Sets the principal (authentication plugins). */
  void principal(Principal principal);

  /** Request metadata from the caller (never labels). */
  Map<String, String> metadata();

  /** The request's labels; only plugins write them. */
  Labels labels();

  /** The request's private, typed attributes. */
  Attributes attributes();

  CacheControl cacheControl();

  /** The ticker deadlines are measured on. */
  Ticker ticker();

  /** The request's deadline as a {@link #ticker()} reading. */
  long deadlineNanos();

  /** Time left before the deadline. */
  default Duration remaining() {
    return Duration.ofNanos(deadlineNanos() - ticker().read());
  }

  /** The attempts made so far. */
  List<Attempt> attempts();

  /**
   * Sets an attribute of the response's metadata (e.g. guardrail warnings), replacing an earlier
   * value of the same name. Never secrets.
   */
  void responseAttribute(String name, Object value);

  /**
   * Sets the cost of the answer in US dollars, for its metadata's {@link
   * dev.aegis.api.chat.ResponseMetadata#cost()} on every door (a cost-accounting plugin calls it
   * when the usage is known: in {@code onResponse}, or from its stream transformer when the usage
   * chunk passes). The last value wins. Implementations that build no metadata may ignore it.
   */
  default void responseCost(java.math.BigDecimal cost) {}

  /** Publishes an event to the hooks, asynchronously. */
  void publish(GatewayEvent event);

  /**
   * What the response cache did for this request, or {@code null} when no cache plugin ran. Set
   * by the cache plugin in {@code onRequest}; the gateway copies it into the response metadata
   * and {@link dev.aegis.api.chat.StreamStart}, and later plugins read it in {@code onComplete}
   * (on a {@link dev.aegis.api.cache.CacheStatus#HIT} no provider was called: release budget
   * reservations and token estimates, charge nothing).
   */
  default @Nullable CacheResult cacheResult() {
    return null;
  }

  /** Records what the response cache did (the cache plugin). */
  default void cacheResult(CacheResult result) {}

  /** Whether the caller cancelled the request, its deadline passed, or the gateway closed. */
  default boolean isCancelled() {
    return false;
  }

  /**
   * Runs {@code action} once when the request is cancelled (at once if it already is), on the
   * cancelling thread: a plugin that waits (a coalesced cache waiter) uses it to stop waiting.
   * Keep it short and non-blocking.
   */
  default void onCancel(Runnable action) {}
}
