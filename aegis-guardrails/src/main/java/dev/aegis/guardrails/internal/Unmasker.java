package dev.aegis.guardrails.internal;

/**
 * Restores masked values: replaces every {@code <TYPE_N>} placeholder of the request's
 * {@link MaskMap} with its original. Placeholders the map does not know stay as they are. As a
 * stream transformer stage it is stateful: a chunk that ends inside what may still become a
 * placeholder ({@code "... <EMA"}) holds that tail back until the next chunk decides it.
 *
 * <p>Not thread-safe: one instance per stream (and tool call); the static method is thread-safe.
 */
final class Unmasker {
  private static final int INCOMPLETE = -2;

  private final MaskMap masks;
  private String pending = "";

  Unmasker(MaskMap masks) {
    this.masks = masks;
  }

  /** {@code text} with every known placeholder restored. */
  static String unmask(String text, MaskMap masks) {
    if (masks.isEmpty() || text.indexOf('<') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    restore(text, masks, true, out);
    return out.toString();
  }

  /** Unmasks what can be decided now and keeps a possible partial placeholder for later. */
  String feed(String chunk) {
    String text = pending.isEmpty() ? chunk : pending + chunk;
    if (text.indexOf('<') < 0) {
      pending = "";
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    int held = restore(text, masks, false, out);
    pending = text.substring(held);
    return out.toString();
  }

  /** Returns whatever was held back, as is: the text ended without completing a placeholder. */
  String settle() {
    String rest = pending;
    pending = "";
    return rest;
  }

  boolean holding() {
    return !pending.isEmpty();
  }

  /**
   * Appends {@code text} with placeholders restored to {@code out}; returns where the held tail
   * starts ({@code text.length()} when nothing is held, always the case when {@code last}).
   */
  private static int restore(String text, MaskMap masks, boolean last, StringBuilder out) {
    int len = text.length();
    int limit = Math.max(masks.longestPlaceholder(), 3);
    int copied = 0;
    int i = text.indexOf('<');
    while (i >= 0) {
      int end = placeholderEnd(text, i, limit);
      if (end == INCOMPLETE && !last) {
        out.append(text, copied, i);
        return i;
      }
      if (end > 0) {
        String original = masks.original(text.substring(i, end));
        if (original != null) {
          out.append(text, copied, i).append(original);
          copied = end;
          i = text.indexOf('<', end);
          continue;
        }
      }
      i = text.indexOf('<', i + 1);
    }
    out.append(text, copied, len);
    return len;
  }

  /**
   * The index after the {@code >} of a placeholder-shaped token starting at {@code start};
   * {@link #INCOMPLETE} when the text ends while it could still become one; -1 otherwise.
   */
  private static int placeholderEnd(String text, int start, int limit) {
    int len = text.length();
    int j = start + 1;
    int lastUnderscore = -1;
    while (j < len && j - start < limit) {
      char c = text.charAt(j);
      if (c == '>') {
        return lastUnderscore > start + 1 && lastUnderscore < j - 1 && digitsOnly(text, lastUnderscore + 1, j)
            ? j + 1 : -1;
      }
      boolean upper = c >= 'A' && c <= 'Z';
      if (j == start + 1 ? !upper : !(upper || c == '_' || (c >= '0' && c <= '9'))) {
        return -1;
      }
      if (c == '_') {
        lastUnderscore = j;
      }
      j++;
    }
    return j == len && j - start < limit ? INCOMPLETE : -1;
  }

  private static boolean digitsOnly(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
