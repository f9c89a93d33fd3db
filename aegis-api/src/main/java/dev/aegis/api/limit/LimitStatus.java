package dev.aegis.api.limit;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What remains of the tightest request limit and the tightest token limit that applied to a
 * request, as the limits plugin publishes it: under {@link #ATTRIBUTE} in the response metadata's
 * attributes and in {@link dev.aegis.api.chat.StreamStart#attributes()}, so an HTTP endpoint can
 * send {@code x-ratelimit-remaining-requests} / {@code -tokens} headers.
 *
 * <pre>{@code
 * LimitStatus s = LimitStatus.of(response.metadata().attributes());
 * if (s != null && s.limitRequests() > 0) {
 *   headers.put("x-ratelimit-remaining-requests", Long.toString(s.remainingRequests()));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param limitRequests the tightest request limit's amount, or {@code -1} when none applied
 * @param remainingRequests requests that limit would still admit now, or {@code -1}
 * @param resetRequests when that limit is whole again, or {@link Duration#ZERO}
 * @param limitTokens the tightest token limit's amount, or {@code -1} when none applied
 * @param remainingTokens tokens that limit would still admit now, or {@code -1}
 * @param resetTokens when that limit is whole again, or {@link Duration#ZERO}
 */
public record LimitStatus(long limitRequests, long remainingRequests, Duration resetRequests, long limitTokens,
    long remainingTokens, Duration resetTokens) {
  /** The attribute name under which the status is published. */
  public static final String ATTRIBUTE = "aegis.ratelimit";

  /** No request or token limit applied. */
  public static final LimitStatus NONE = new LimitStatus(-1, -1, Duration.ZERO, -1, -1, Duration.ZERO);

  /** The status in a metadata or stream-start attribute map, or {@code null} if none was published. */
  public static @Nullable LimitStatus of(Map<String, ?> attributes) {
    Object o = attributes.get(ATTRIBUTE);
    return o instanceof LimitStatus ? (LimitStatus) o : null;
  }
}
