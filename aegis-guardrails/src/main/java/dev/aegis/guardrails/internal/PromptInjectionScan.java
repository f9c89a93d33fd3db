package dev.aegis.guardrails.internal;

import dev.aegis.api.guardrail.Finding;
import dev.aegis.guardrails.detect.FindingTypes;
import dev.aegis.guardrails.detect.PromptInjectionDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@link PromptInjectionDetector}: weighted phrase families, each pattern tried only where
 * one of its start literals begins a word of the shared normalised view.
 *
 * <p>Immutable and thread-safe.
 */
public final class PromptInjectionScan implements PromptInjectionDetector, SharedScan {
  /** The detector at {@link PromptInjectionDetector#DEFAULT_THRESHOLD}. */
  public static final PromptInjectionScan DEFAULT = new PromptInjectionScan(DEFAULT_THRESHOLD);

  // every repetition is bounded: java.util.regex recurses per group iteration
  private static final String VERB = "(?:ignore|disregard|forget|skip|override|bypass|drop|abandon)";
  private static final String DET = "(?:(?:all|any|the|your|my|of|every|these|those|prior to) ){0,4}";
  private static final String NOUN =
      "(?:instructions?|prompts?|rules|directions|directives|guidelines|guidance|constraints|commands?|programming|training)";

  private static final String[] VERBS = {"ignore", "disregard", "forget", "skip", "override", "bypass", "drop", "abandon"};

  // each family lists the literals every match of it starts with: the scan tries a family's
  // pattern only where one of them starts a word
  private static final Family[] FAMILIES = {
      new Family("override", 0.9, VERB + " " + DET
          + "(?:previous|prior|above|earlier|preceding|former|initial|original|system|existing|old) " + NOUN, VERBS),
      new Family("override", 0.8, VERB + " (?:everything|all) (?:above|before|prior|previously|so far|you (?:were|have been) told)",
          VERBS),
      new Family("override", 0.6, VERB + " (?:all )?(?:of )?your " + NOUN, VERBS),
      new Family("override", 0.5, "\\bnew instructions ?:", "new instructions"),
      new Family("roleplay", 0.9, "\\bdo anything now\\b", "do anything now"),
      new Family("roleplay", 0.7, "\\byou are (?:now |going to be |going to act as )?(?:a |an )?"
          + "(?:dan|jailbroken|unrestricted|unfiltered|uncensored|evil|an? ai without)\\b", "you are "),
      new Family("roleplay", 0.7, "\\b(?:dan|developer|god|jailbreak|sudo|unrestricted) mode\\b",
          "dan mode", "developer mode", "god mode", "jailbreak mode", "sudo mode", "unrestricted mode"),
      new Family("roleplay", 0.7, "\\b(?:act|pretend|behave|role-?play|respond) (?:as|like) (?:if you (?:are|were) )?(?:an? )?"
          + "(?:unrestricted|unfiltered|uncensored|jailbroken|evil|dan)\\b",
          "act ", "pretend ", "behave ", "role-play ", "roleplay ", "respond "),
      // the bare phrase shares the family of its stronger forms, so "you are now DAN" counts once
      new Family("roleplay", 0.3, "\\byou are now\\b", "you are now"),
      new Family("from-now-on", 0.4, "\\bfrom now on,? you (?:will|are|must|shall)\\b", "from now on"),
      new Family("no-limits", 0.4, "\\bwithout (?:any )?(?:restrictions|filters|limitations|limits|censorship|guidelines)\\b",
          "without "),
      new Family("no-limits", 0.6, "\\bno longer (?:bound|restricted|limited) by\\b", "no longer "),
      new Family("exfiltration", 0.9, "\\b(?:reveal|show|print|display|repeat|output|leak|dump|tell|give|list|"
          + "what (?:is|are|were|was))(?: me)?(?: back)? (?:all |the |your ){0,3}(?:full |entire |exact |complete |verbatim |hidden |secret ){0,3}"
          + "(?:system prompt|system message|initial instructions|original instructions|hidden instructions|"
          + "initial prompt|secret instructions|instructions above|developer message)",
          "reveal", "show", "print", "display", "repeat", "output", "leak", "dump", "tell", "give", "list", "what "),
  };

  /**
   * Per first two letters ({@code 'a'..'z'} each, so 26 * 26 slots), the start literals beginning
   * with them and the families (bits) they start.
   */
  private static final String[][] STARTS = new String[26 * 26][];
  private static final int[][] STARTS_FAMILIES = new int[26 * 26][];
  /** Per slot, each start literal's first four chars packed as {@link #head} packs them. */
  private static final int[][] STARTS_HEADS = new int[26 * 26][];

  /** Per byte: {@link #NOT_WORD}, {@link #WORD} (an ASCII word char that is not a-z) or {@link #LOWER}. */
  private static final byte[] CLASS = new byte[256];
  private static final byte NOT_WORD = 0;
  private static final byte WORD = 1;
  private static final byte LOWER = 2;

  private static int slot(char first, char second) {
    return (first - 'a') * 26 + (second - 'a');
  }

  private static boolean lowerAscii(char c) {
    return c >= 'a' && c <= 'z';
  }

  static {
    for (int f = 0; f < FAMILIES.length; f++) {
      for (String start : FAMILIES[f].starts) {
        if (!lowerAscii(start.charAt(0)) || !lowerAscii(start.charAt(1))) {
          throw new ExceptionInInitializerError("start literal must begin with two letters: " + start);
        }
        int c = slot(start.charAt(0), start.charAt(1));
        String[] lits = STARTS[c] == null ? new String[0] : STARTS[c];
        int[] fams = STARTS_FAMILIES[c] == null ? new int[0] : STARTS_FAMILIES[c];
        int k = Arrays.asList(lits).indexOf(start);
        if (k < 0) {
          lits = Arrays.copyOf(lits, lits.length + 1);
          fams = Arrays.copyOf(fams, fams.length + 1);
          k = lits.length - 1;
          lits[k] = start;
        }
        fams[k] |= 1 << f;
        STARTS[c] = lits;
        STARTS_FAMILIES[c] = fams;
      }
    }
    for (int c = 0; c < STARTS.length; c++) {
      if (STARTS[c] != null) {
        STARTS_HEADS[c] = new int[STARTS[c].length];
        for (int k = 0; k < STARTS[c].length; k++) {
          String lit = STARTS[c][k];
          if (lit.length() < 4) {
            throw new ExceptionInInitializerError("start literal must have four chars: " + lit);
          }
          STARTS_HEADS[c][k] = lit.charAt(0) | lit.charAt(1) << 8 | lit.charAt(2) << 16 | lit.charAt(3) << 24;
        }
      }
    }
    for (int c = 0; c < 128; c++) {
      CLASS[c] = lowerAscii((char) c) ? LOWER : asciiWord((char) c) ? WORD : NOT_WORD;
    }
  }

  /** The four bytes at {@code p} packed little-end first (the caller checks {@code p + 4 <= length}). */
  private static int head(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
  }

  private final double threshold;

  /** {@code threshold}: in (0, 1], checked by {@link PromptInjectionDetector#withThreshold}. */
  public PromptInjectionScan(double threshold) {
    this.threshold = threshold;
  }

  @Override
  public double threshold() {
    return threshold;
  }

  @Override
  public String name() {
    return "prompt-injection";
  }

  @Override
  public double score(CharSequence text) {
    return evaluate(NormalizedText.of(text), null);
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    return scan(new ScanText(text));
  }

  /** Scans the shared normalised view of {@code text}; see {@link SharedScan}. */
  @Override
  public List<Finding> scan(ScanText text) {
    List<int[]> spans = new ArrayList<>(0);
    NormalizedText norm = text.normalized();
    double score = evaluate(norm, spans);
    if (score < threshold || spans.isEmpty()) {
      return List.of();
    }
    List<Finding> found = new ArrayList<>(spans.size());
    for (int[] span : spans) {
      found.add(new Finding(FindingTypes.PROMPT_INJECTION, norm.originalStart(span[0]),
          norm.originalEnd(span[1]), score, name()));
    }
    found.sort(CompositeGuardrail.BY_START);
    return found;
  }

  /**
   * The score, adding every matched span to {@code spans}: each family's pattern is tried (with
   * {@code lookingAt}, going on from a match's end as {@code find()} does) only at the word starts
   * where one of its start literals occurs, which are the only places it can match.
   */
  static double evaluate(NormalizedText norm, @Nullable List<int[]> spans) {
    CharSequence s = norm.chars();
    int n = s.length();
    // every start literal is ASCII, so the candidates are found over bytes (no charAt per char)
    byte[] b = norm.asciiOrMarked();
    // one pass: candidate positions and, per position, the families whose start literal is there
    int[] at = null;
    int[] families = null;
    int count = 0;
    byte previous = NOT_WORD;
    // every start literal has four chars, so a candidate needs four bytes
    for (int p = 0, last = n - 4; p <= last; p++) {
      byte cls = CLASS[b[p] & 0xFF];
      boolean wordStart = previous == NOT_WORD;
      previous = cls;
      if (!wordStart || cls != LOWER || CLASS[b[p + 1] & 0xFF] != LOWER) {
        continue;
      }
      int slot = slot((char) b[p], (char) b[p + 1]);
      String[] lits = STARTS[slot];
      if (lits == null) {
        continue;
      }
      int[] heads = STARTS_HEADS[slot];
      int head = head(b, p);
      int mask = 0;
      for (int k = 0; k < lits.length; k++) {
        if (heads[k] == head && startsWith(b, n, lits[k], p)) {
          mask |= STARTS_FAMILIES[slot][k];
        }
      }
      if (mask == 0) {
        continue;
      }
      if (at == null) {
        at = new int[8];
        families = new int[8];
      } else if (count == at.length) {
        at = Arrays.copyOf(at, count * 2);
        families = Arrays.copyOf(families, count * 2);
      }
      at[count] = p;
      families[count] = mask;
      count++;
    }
    double score = 0;
    String lastFamily = "";
    double familyBest = 0;
    // families are declared grouped, so a family's best weight is settled when the name changes
    for (int f = 0; f < FAMILIES.length; f++) {
      Family family = FAMILIES[f];
      if (!family.name.equals(lastFamily)) {
        score += familyBest;
        familyBest = 0;
        lastFamily = family.name;
      }
      Matcher m = null;
      int pos = 0;
      for (int i = 0; i < count; i++) {
        int p = at[i];
        if (p < pos || (families[i] & (1 << f)) == 0) {
          continue;
        }
        if (m == null) {
          m = family.pattern.matcher(s);
          m.useTransparentBounds(true);
          m.useAnchoringBounds(false);
        }
        m.region(p, n);
        if (!m.lookingAt()) {
          continue;
        }
        pos = m.end() == p ? p + 1 : m.end();
        familyBest = Math.max(familyBest, family.weight);
        if (spans != null) {
          spans.add(new int[] {m.start(), m.end()});
        }
      }
    }
    score += familyBest;
    return Math.min(1.0, score);
  }

  private static boolean startsWith(byte[] s, int length, String prefix, int at) {
    if (at + prefix.length() > length) {
      return false;
    }
    // the literal's first four chars are already known to be there
    for (int i = 4; i < prefix.length(); i++) {
      if (s[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** {@link #evaluate} by plain {@code find()} loops over the whole text: the reference it is tested against. */
  static double evaluateReference(NormalizedText norm, @Nullable List<int[]> spans) {
    String s = norm.text();
    double score = 0;
    String lastFamily = "";
    double familyBest = 0;
    for (Family f : FAMILIES) {
      if (!f.name.equals(lastFamily)) {
        score += familyBest;
        familyBest = 0;
        lastFamily = f.name;
      }
      Matcher m = f.pattern.matcher(s);
      while (m.find()) {
        familyBest = Math.max(familyBest, f.weight);
        if (spans != null) {
          spans.add(new int[] {m.start(), m.end()});
        }
      }
    }
    score += familyBest;
    return Math.min(1.0, score);
  }

  @Override
  public String toString() {
    return "PromptInjectionDetector[threshold=" + threshold + ']';
  }

  private static final class Family {
    final String name;
    final double weight;
    final Pattern pattern;

    final String[] starts;

    Family(String name, double weight, String regex, String... starts) {
      this.name = name;
      this.weight = weight;
      this.pattern = Pattern.compile(regex.startsWith("\\b") ? regex : "\\b" + regex);
      this.starts = starts;
    }
  }
}
