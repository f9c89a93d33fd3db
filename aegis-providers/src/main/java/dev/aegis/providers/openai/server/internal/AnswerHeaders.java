package dev.aegis.providers.openai.server.internal;

import dev.aegis.api.Attempt;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.StreamStart;
import dev.aegis.api.limit.LimitStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code x-aegis-*} and {@code x-ratelimit-*} headers of an answer, from what the gateway
 * reports: a whole answer's {@link ResponseMetadata} or a stream's {@link StreamStart}, so both
 * carry the same headers. The rate-limit headers follow OpenAI's names
 * ({@code x-ratelimit-limit-requests}, {@code -remaining-requests}, {@code -reset-requests} and
 * the {@code -tokens} trio) and appear only for a limit that applied; a reset reads like
 * OpenAI's ({@code 20ms}, {@code 6s}, {@code 1m30s}).
 *
 * <p>Stateless and thread-safe.
 */
public final class AnswerHeaders {
  public static final String PROVIDER = "x-aegis-provider";
  public static final String ATTEMPTS = "x-aegis-attempts";
  public static final String CACHE = "x-aegis-cache";

  private AnswerHeaders() {}

  /** The headers of a whole answer. */
  public static void of(ResponseMetadata m, Map<String, String> headers) {
    put(m.provider(), m.attempts().size(), m.cache(), LimitStatus.of(m.attributes()), headers);
  }

  /** The headers of a stream, committed when its first chunk (or its cached replay) is ready. */
  public static void of(StreamStart s, Map<String, String> headers) {
    List<Attempt> before = s.attempts();
    // at the commit point the serving attempt is still running, so the start lists only the ones before it
    boolean serving = s.target() != null
        && (before.isEmpty() || before.get(before.size() - 1).outcome() != Attempt.Outcome.SUCCESS);
    put(s.provider(), before.size() + (serving ? 1 : 0), s.cache(), LimitStatus.of(s.attributes()), headers);
  }

  private static void put(@Nullable String provider, int attempts, @Nullable CacheResult cache,
      @Nullable LimitStatus limits, Map<String, String> headers) {
    if (provider != null) headers.put(PROVIDER, provider);
    headers.put(ATTEMPTS, Integer.toString(attempts));
    // no cache configured reads as a miss: the answer was not served from one
    headers.put(CACHE, cache == null ? "miss" : cache.status().name().toLowerCase(Locale.ROOT));
    if (limits == null) return;
    if (limits.limitRequests() >= 0) {
      headers.put("x-ratelimit-limit-requests", Long.toString(limits.limitRequests()));
      headers.put("x-ratelimit-remaining-requests", Long.toString(Math.max(0, limits.remainingRequests())));
      headers.put("x-ratelimit-reset-requests", reset(limits.resetRequests()));
    }
    if (limits.limitTokens() >= 0) {
      headers.put("x-ratelimit-limit-tokens", Long.toString(limits.limitTokens()));
      headers.put("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, limits.remainingTokens())));
      headers.put("x-ratelimit-reset-tokens", reset(limits.resetTokens()));
    }
  }

  /** A duration as OpenAI writes its resets: {@code 0s}, {@code 250ms}, {@code 6s}, {@code 1m30s}, {@code 2h0m5s}. */
  static String reset(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (ms == 0) return "0s";
    if (ms < 1000) return ms + "ms";
    long s = (ms + 999) / 1000; // whole seconds, rounded up: a client that waits this long is admitted
    long h = s / 3600;
    long m = s % 3600 / 60;
    long sec = s % 60;
    if (h > 0) return h + "h" + m + "m" + sec + "s";
    if (m > 0) return m + "m" + sec + "s";
    return sec + "s";
  }
}
