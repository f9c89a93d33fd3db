package dev.aegis.guardrails.internal;

import dev.aegis.api.plugin.AttributeKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the guardrail plugin remembers about one request, kept under a private
 * {@link AttributeKey} in the exchange: the mask map, the PII values the input contained (to tell
 * hallucinated PII from echoed PII), the rules already reported, and the warnings for the
 * response metadata. Never leaves the request's memory; {@code toString()} shows no values.
 *
 * <p>Thread-safe.
 */
public final class RequestState {
  /** The private key; only this package can read the state. */
  public static final AttributeKey<RequestState> KEY = AttributeKey.create("aegis.guardrails.state", RequestState.class);

  private final MaskMap masks = new MaskMap();
  private final Set<String> inputValues = ConcurrentHashMap.newKeySet();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private final List<Map<String, Object>> warnings = new CopyOnWriteArrayList<>();

  public MaskMap masks() {
    return masks;
  }

  void rememberInput(String type, CharSequence text, int start, int end) {
    inputValues.add(valueKey(type, text, start, end));
  }

  boolean seenInInput(String type, CharSequence text, int start, int end) {
    return inputValues.contains(valueKey(type, text, start, end));
  }

  /** Whether this is the first report of {@code key}; later ones are not repeated. */
  boolean firstReport(String key) {
    return reported.add(key);
  }

  /** Adds a warning and returns all of them, for the response metadata. */
  List<Map<String, Object>> warn(Map<String, Object> warning) {
    warnings.add(warning);
    return List.copyOf(warnings);
  }

  /**
   * A comparable form of a value: phone numbers by their last ten digits (so "+1 415..." matches
   * "(415) ..."), emails and IP addresses lower-cased, everything else letters and digits only.
   */
  static String valueKey(String type, CharSequence text, int start, int end) {
    StringBuilder sb = new StringBuilder(type.length() + 1 + end - start).append(type).append(':');
    if (type.equals("EMAIL") || type.equals("IP_ADDRESS")) {
      for (int i = start; i < end; i++) {
        sb.append(Character.toLowerCase(text.charAt(i)));
      }
      return sb.toString();
    }
    int from = sb.length();
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toUpperCase(c));
      }
    }
    if (type.equals("PHONE") && sb.length() - from > 10) {
      sb.delete(from, sb.length() - 10);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "RequestState[" + masks + ", " + warnings.size() + " warnings]";
  }
}
