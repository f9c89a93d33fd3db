package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import java.util.List;

/**
 * The log probability of one output token and, when requested, the most likely alternatives.
 *
 * @param token the token text
 * @param logprob its log probability
 * @param topLogprobs the alternatives (each with an empty {@code topLogprobs}), never null
 *     <p>Immutable and thread-safe.
 */
public record TokenLogprob(String token, double logprob, List<TokenLogprob> topLogprobs) {
  public TokenLogprob {
    Checks.notNull(token, "token");
    topLogprobs = Checks.copyOf(topLogprobs, "topLogprobs");
  }
}
