package dev.aegis.guardrails.internal;

import org.jspecify.annotations.Nullable;

/**
 * One text being scanned by several detectors, with its {@linkplain NormalizedText normalised
 * view} built at most once and shared by every detector that needs it (keyword lists, the
 * prompt-injection heuristic).
 *
 * <p>Confined to the scanning thread; not thread-safe.
 */
public final class ScanText {
  private final CharSequence original;
  private @Nullable NormalizedText normalized;

  public ScanText(CharSequence original) {
    this.original = original;
  }

  /** The text as given. */
  public CharSequence original() {
    return original;
  }

  /** The normalised view, built on first use. */
  public NormalizedText normalized() {
    NormalizedText n = normalized;
    if (n == null) {
      n = NormalizedText.of(original);
      normalized = n;
    }
    return n;
  }
}
