package dev.aegis.guardrails.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The reversible placeholders of one request: {@code <EMAIL_1>} and the value it stands for.
 * Placeholders are numbered per type in order of first appearance, so the same request text
 * always gets the same placeholders (a cache keyed on the masked prompt stays consistent), and a
 * value that appears twice gets one placeholder.
 *
 * <p>Lives only in the request's private attributes; {@code toString()} shows the size, never the
 * values. Written by {@code onRequest} on one thread, then only read: thread-safe.
 */
public final class MaskMap {
  private final Map<String, String> byOriginal = new ConcurrentHashMap<>(8);
  private final Map<String, String> byPlaceholder = new ConcurrentHashMap<>(8);
  private final Map<String, Integer> counters = new HashMap<>(4);
  private volatile int longest;

  /** The placeholder for {@code original} of {@code type}, assigned on first use. */
  public String placeholder(String type, String original) {
    String key = type + '\u0000' + original;
    String existing = byOriginal.get(key);
    if (existing != null) {
      return existing;
    }
    String tag = tag(type);
    int n = counters.merge(tag, 1, Integer::sum);
    String placeholder = "<" + tag + '_' + n + '>';
    byOriginal.put(key, placeholder);
    byPlaceholder.put(placeholder, original);
    longest = Math.max(longest, placeholder.length());
    return placeholder;
  }

  /** The type as the unmasker recognises it: upper-case letters, digits and underscores, starting with a letter. */
  private static String tag(String type) {
    StringBuilder sb = new StringBuilder(type.length() + 1);
    for (int i = 0; i < type.length(); i++) {
      char c = Character.toUpperCase(type.charAt(i));
      sb.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    if (sb.length() == 0 || sb.charAt(0) < 'A' || sb.charAt(0) > 'Z') {
      sb.insert(0, 'X');
    }
    return sb.toString();
  }

  /** The value behind a placeholder, or {@code null} if it is not one of ours. */
  public @Nullable String original(String placeholder) {
    return byPlaceholder.get(placeholder);
  }

  public boolean isEmpty() {
    return byPlaceholder.isEmpty();
  }

  /** The length of the longest placeholder handed out. */
  public int longestPlaceholder() {
    return longest;
  }

  @Override
  public String toString() {
    return "MaskMap[" + byPlaceholder.size() + " placeholders]";
  }
}
