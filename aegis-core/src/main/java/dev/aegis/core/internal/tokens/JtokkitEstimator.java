package dev.aegis.core.internal.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.aegis.api.guardrail.TokenEstimator;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's {@link TokenEstimator}: exact counts with jtokkit for OpenAI-family models, the
 * encoding chosen by model family ({@code o200k_base} for GPT-4o, GPT-4.1, GPT-5 and the o-series;
 * {@code cl100k_base} for GPT-4, GPT-3.5 and the text-embedding-3 models), and for every other
 * model the documented heuristic of {@link TokenEstimator#CHARS_DIV_4} (one token per four
 * characters, rounded up), which over-counts typical English slightly rather than under-counting.
 *
 * <p>Encodings load lazily, once, on first use. Thread-safe.
 */
public final class JtokkitEstimator implements TokenEstimator {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  @Override
  public int estimate(CharSequence text, @Nullable String model) {
    if (text.length() == 0) {
      return 0;
    }
    Encoding encoding = encodingFor(model);
    if (encoding == null) {
      return CHARS_DIV_4.estimate(text, model);
    }
    return encoding.countTokens(text.toString());
  }

  /** The encoding of an OpenAI-family model, or {@code null} for any other model. */
  static @Nullable Encoding encodingFor(@Nullable String model) {
    if (model == null) {
      return null;
    }
    String m = model.toLowerCase(Locale.ROOT);
    int slash = m.lastIndexOf('/');
    if (slash >= 0) {
      m = m.substring(slash + 1); // "openai/gpt-4o" as OpenRouter-style ids name it
    }
    if (m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-4.5") || m.startsWith("gpt-5")
        || m.startsWith("chatgpt-4o") || isOSeries(m)) {
      return REGISTRY.getEncoding(EncodingType.O200K_BASE);
    }
    if (m.startsWith("gpt-4") || m.startsWith("gpt-3.5") || m.startsWith("text-embedding-3")
        || m.startsWith("text-embedding-ada-002")) {
      return REGISTRY.getEncoding(EncodingType.CL100K_BASE);
    }
    return null;
  }

  private static boolean isOSeries(String m) {
    return m.length() >= 2 && m.charAt(0) == 'o' && Character.isDigit(m.charAt(1));
  }
}
