package dev.aegis.guardrails.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One text being scanned by several detectors, with what they share built at most once: its
 * {@linkplain NormalizedText normalised view} (keyword lists, the prompt-injection heuristic),
 * where its runs of digits start (the numeric PII patterns) and where the secret patterns'
 * literals start ({@link SecretAnchors}).
 *
 * <p>Confined to the scanning thread; not thread-safe.
 */
public final class ScanText {
  private static final int[] NONE = new int[0];

  private final CharSequence original;
  private final String string;
  private byte @Nullable [] latin1;
  private @Nullable NormalizedText normalized;
  private int @Nullable [] digitRuns;
  private int digitRunCount;
  private int @Nullable [] anchors;
  /** Per anchor, the {@link SecretAnchors} kinds whose literal starts there. */
  private int @Nullable [] anchorKinds;
  private int anchorCount;
  /** The index of the run last returned: the first run at or after the last {@code from}. */
  private int cursor;

  public ScanText(CharSequence original) {
    this.original = original;
    this.string = original.toString();
  }

  /** The text as given. */
  public CharSequence original() {
    return original;
  }

  /** The text as a {@code String} (the original itself when it is one). */
  public String string() {
    return string;
  }

  /**
   * The first position {@code >= from} where a run of ASCII digits starts (a digit not preceded
   * by a digit), or -1. The runs are found in one pass on first use and shared by every detector
   * of the scan whose matches must start at, or just before, such a position.
   */
  public int nextDigitRun(int from) {
    int[] runs = digitRuns;
    if (runs == null) {
      runs = findDigitRuns();
    }
    int count = digitRunCount;
    int k = cursor;
    if (k > 0 && runs[k - 1] >= from) {
      // behind the last answer (a new detector starts over): binary search
      k = firstAtOrAfter(runs, k - 1, from);
    } else {
      // a detector's calls move forward: walking on from the last answer is amortised O(1)
      while (k < count && runs[k] < from) {
        k++;
      }
    }
    cursor = k;
    return k < count ? runs[k] : -1;
  }

  /**
   * The first position {@code >= from} where a literal of a {@link SecretAnchors} {@code kind}
   * starts, or -1. All kinds are found in one pass on first use and shared by the secret
   * detectors of the scan.
   */
  int nextSecretAnchor(int kind, int from) {
    int[] at = anchors;
    if (at == null) {
      at = findSecretAnchors();
    }
    int[] kinds = anchorKinds;
    for (int k = firstAtOrAfter(at, anchorCount, from); k < anchorCount; k++) {
      if ((kinds[k] & kind) != 0) {
        return at[k];
      }
    }
    return -1;
  }

  /** The first index in the sorted {@code a[0, hi)} whose value is {@code >= from}, or {@code hi}. */
  private static int firstAtOrAfter(int[] a, int hi, int from) {
    int lo = 0;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < from) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int[] findSecretAnchors() {
    // the normaliser may have consumed the shared bytes: then this pass makes its own
    byte[] b = latin1 != null ? latin1 : NormalizedText.latin1(string);
    int[] at = NONE;
    int[] kinds = NONE;
    int count = 0;
    for (int i = 0, last = b.length - 1; i < last; i++) {
      if (!SecretAnchors.mayStart(b, i)) {
        continue;
      }
      int k = SecretAnchors.kindsAt(b, i);
      if (k == 0) {
        continue;
      }
      if (count == at.length) {
        at = Arrays.copyOf(at, Math.max(8, count * 2));
        kinds = Arrays.copyOf(kinds, at.length);
      }
      at[count] = i;
      kinds[count] = k;
      count++;
    }
    anchors = at;
    anchorKinds = kinds;
    anchorCount = count;
    return at;
  }

  /**
   * The text's Latin-1 bytes ({@code '?'} for chars above U+00FF), made once for the scan: the
   * digit runs are found in them, then the normalised view is made from them in place.
   */
  private byte[] latin1() {
    byte[] b = latin1;
    if (b == null) {
      b = NormalizedText.latin1(string);
      latin1 = b;
    }
    return b;
  }

  private int[] findDigitRuns() {
    // exact over the Latin-1 bytes: a char above U+00FF became '?', which is no digit either
    byte[] s = latin1();
    int[] runs = NONE;
    int count = 0;
    int n = s.length;
    // two tight loops (past non-digits, then past the run) of one unsigned compare per byte
    for (int i = 0; i < n; i++) {
      if (!digit(s[i])) {
        continue;
      }
      if (count == runs.length) {
        runs = Arrays.copyOf(runs, Math.max(16, count * 2));
      }
      runs[count++] = i;
      while (i + 1 < n && digit(s[i + 1])) {
        i++;
      }
    }
    digitRuns = runs;
    digitRunCount = count;
    return runs;
  }

  /** An ASCII digit, by one unsigned compare. */
  private static boolean digit(byte c) {
    return Integer.compareUnsigned(c - '0', 10) < 0;
  }

  /** The normalised view, built on first use. */
  public NormalizedText normalized() {
    NormalizedText n = normalized;
    if (n == null) {
      if (digitRuns == null) {
        // the normaliser consumes the Latin-1 bytes, so the runs are found from them first
        findDigitRuns();
      }
      n = NormalizedText.of(string, latin1());
      latin1 = null;
      normalized = n;
    }
    return n;
  }
}
