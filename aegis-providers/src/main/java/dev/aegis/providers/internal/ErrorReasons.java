package dev.aegis.providers.internal;

import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderErrorCode;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a provider's error means ({@link ProviderErrorCode}) from its status, type, code
 * and message, once, for every adapter — so the engine reads a typed reason and never upstream
 * text. Recognising message text is allowed here, in the providers, because each vendor words its
 * errors its own way:
 *
 * <table>
 *   <caption>What is recognised</caption>
 *   <tr><th>reason</th><th>OpenAI, Azure, compatible</th><th>Anthropic</th><th>Gemini</th><th>Bedrock</th><th>Ollama</th></tr>
 *   <tr><td>CONTEXT_LENGTH_EXCEEDED</td><td>code {@code context_length_exceeded}</td><td>"prompt is too long"</td>
 *       <td>"input token count ... exceeds the maximum"</td><td>"input is too long", "too many input tokens"</td>
 *       <td>"exceeds the context length"</td></tr>
 *   <tr><td>CONTENT_FILTERED</td><td>code {@code content_filter}, {@code content_policy_violation}</td><td>—</td>
 *       <td>—</td><td>—</td><td>—</td></tr>
 *   <tr><td>QUOTA_EXHAUSTED</td><td>type/code {@code insufficient_quota}</td><td>"credit balance is too low"</td>
 *       <td>"exceeded your current quota"</td><td>{@code ServiceQuotaExceededException}</td><td>—</td></tr>
 *   <tr><td>OVERLOADED</td><td>—</td><td>{@code overloaded_error}, status 529</td><td>"model is overloaded"</td>
 *       <td>{@code ModelNotReadyException}, {@code ServiceUnavailableException}</td><td>—</td></tr>
 * </table>
 *
 * An error that already carries a reason keeps it.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErrorReasons {
  private ErrorReasons() {}

  /** The error with its reason set, or unchanged when nothing more specific applies. */
  public static ProviderError classify(ProviderError e) {
    if (e.reason() != ProviderErrorCode.UNSPECIFIED) {
      return e;
    }
    ProviderErrorCode reason = reason(e.status(), e.type(), e.code(), e.message());
    return reason == ProviderErrorCode.UNSPECIFIED ? e : e.withReason(reason);
  }

  static ProviderErrorCode reason(int status, @Nullable String type, @Nullable String code, String message) {
    String t = lower(type);
    String c = lower(code);
    String m = message.toLowerCase(Locale.ROOT);
    if (c.equals("context_length_exceeded") || m.contains("prompt is too long")
        || (m.contains("input token count") && m.contains("exceeds the maximum"))
        || m.contains("input is too long") || m.contains("too many input tokens")
        || m.contains("exceeds the context length") || m.contains("maximum context length")) {
      return ProviderErrorCode.CONTEXT_LENGTH_EXCEEDED;
    }
    if (c.contains("content_filter") || c.contains("content_policy") || t.contains("content_filter")) {
      return ProviderErrorCode.CONTENT_FILTERED;
    }
    if (t.equals("insufficient_quota") || c.equals("insufficient_quota")
        || t.equals("servicequotaexceededexception") || m.contains("exceeded your current quota")
        || m.contains("credit balance is too low")) {
      return ProviderErrorCode.QUOTA_EXHAUSTED;
    }
    if (status == 529 || t.equals("overloaded_error") || c.equals("overloaded_error")
        || m.contains("model is overloaded") || t.equals("modelnotreadyexception")
        || t.equals("serviceunavailableexception")) {
      return ProviderErrorCode.OVERLOADED;
    }
    return ProviderErrorCode.UNSPECIFIED;
  }

  private static String lower(@Nullable String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
