package dev.aegis.guardrails.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hand-written Aho-Corasick automaton over chars: finds every occurrence of every keyword in one
 * pass, whatever the number of keywords. Transitions are sorted char arrays searched by binary
 * search, so the automaton stays compact for large lists.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class AhoCorasick {

  /**
   * Receives matches; returning {@code false} stops the search.
   *
   * <p>Called on the searching thread only.
   */
  @FunctionalInterface
  public interface MatchHandler {
    boolean onMatch(int keyword, int start, int end);
  }

  private final char[][] edgeChars;
  private final int[][] edgeTargets;
  private final int[] fail;
  private final int[] output;
  private final int[] dictLink;
  private final int[] lengths;
  /** The root's transitions for ASCII chars (0: stay at the root), so most chars skip the binary search. */
  private final int[] rootAscii = new int[128];

  /** Builds the automaton; keywords must be non-empty. */
  public AhoCorasick(List<String> keywords) {
    List<char[]> chars = new ArrayList<>();
    List<int[]> targets = new ArrayList<>();
    List<Integer> out = new ArrayList<>();
    chars.add(new char[0]);
    targets.add(new int[0]);
    out.add(-1);
    lengths = new int[keywords.size()];
    for (int k = 0; k < keywords.size(); k++) {
      String word = keywords.get(k);
      lengths[k] = word.length();
      int node = 0;
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        int next = find(chars.get(node), targets.get(node), c);
        if (next < 0) {
          next = chars.size();
          chars.add(new char[0]);
          targets.add(new int[0]);
          out.add(-1);
          insert(chars, targets, node, c, next);
        }
        node = next;
      }
      if (out.get(node) < 0) {
        out.set(node, k);
      }
    }
    int size = chars.size();
    edgeChars = chars.toArray(new char[0][]);
    edgeTargets = targets.toArray(new int[0][]);
    output = out.stream().mapToInt(Integer::intValue).toArray();
    fail = new int[size];
    dictLink = new int[size];
    Arrays.fill(dictLink, -1);
    for (int e = 0; e < edgeChars[0].length; e++) {
      if (edgeChars[0][e] < 128) {
        rootAscii[edgeChars[0][e]] = edgeTargets[0][e];
      }
    }
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int child : edgeTargets[0]) {
      queue.add(child);
    }
    while (!queue.isEmpty()) {
      int node = queue.poll();
      for (int e = 0; e < edgeChars[node].length; e++) {
        char c = edgeChars[node][e];
        int child = edgeTargets[node][e];
        int f = fail[node];
        int t;
        while ((t = find(edgeChars[f], edgeTargets[f], c)) < 0 && f != 0) {
          f = fail[f];
        }
        fail[child] = t >= 0 && t != child ? t : 0;
        int fc = fail[child];
        dictLink[child] = output[fc] >= 0 ? fc : dictLink[fc];
        queue.add(child);
      }
    }
  }

  /** Reports every keyword occurrence in {@code text}, in order of end position. */
  public void search(CharSequence text, MatchHandler handler) {
    int node = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      node = step(node, text.charAt(i));
      if (node != 0 && !report(node, i + 1, handler)) {
        return;
      }
    }
  }

  /**
   * {@link #search(CharSequence, MatchHandler)} over the first {@code length} ASCII bytes of a
   * text: the same matches, without a {@code charAt} call per char.
   */
  public void search(byte[] ascii, int length, MatchHandler handler) {
    int[] root = rootAscii;
    int node = 0;
    for (int i = 0; i < length; i++) {
      if (node == 0) {
        // most chars leave the root where it is: skip them in a loop with one lookup per char
        // (ASCII bytes are non-negative, so they index the table directly)
        while (i < length && root[ascii[i]] == 0) {
          i++;
        }
        if (i == length) {
          return;
        }
        node = root[ascii[i]];
      } else {
        node = step(node, (char) ascii[i]);
      }
      if (node != 0 && !report(node, i + 1, handler)) {
        return;
      }
    }
  }

  /** The node after reading {@code c} in {@code node}. */
  private int step(int node, char c) {
    if (node == 0) {
      // at the root: a table lookup, and nothing to report unless a keyword starts here
      return c < 128 ? rootAscii[c] : Math.max(find(edgeChars[0], edgeTargets[0], c), 0);
    }
    int t;
    while ((t = find(edgeChars[node], edgeTargets[node], c)) < 0 && node != 0) {
      node = fail[node];
    }
    return Math.max(t, 0);
  }

  /** Reports the keywords ending at {@code end} in {@code node}; false when the handler stopped. */
  private boolean report(int node, int end, MatchHandler handler) {
    for (int n = output[node] >= 0 ? node : dictLink[node]; n >= 0; n = dictLink[n]) {
      int k = output[n];
      if (!handler.onMatch(k, end - lengths[k], end)) {
        return false;
      }
    }
    return true;
  }

  private static int find(char[] cs, int[] ts, char c) {
    int i = Arrays.binarySearch(cs, c);
    return i >= 0 ? ts[i] : -1;
  }

  private static void insert(List<char[]> chars, List<int[]> targets, int node, char c, int target) {
    char[] cs = chars.get(node);
    int[] ts = targets.get(node);
    int pos = -(Arrays.binarySearch(cs, c) + 1);
    char[] ncs = new char[cs.length + 1];
    int[] nts = new int[ts.length + 1];
    System.arraycopy(cs, 0, ncs, 0, pos);
    System.arraycopy(ts, 0, nts, 0, pos);
    ncs[pos] = c;
    nts[pos] = target;
    System.arraycopy(cs, pos, ncs, pos + 1, cs.length - pos);
    System.arraycopy(ts, pos, nts, pos + 1, ts.length - pos);
    chars.set(node, ncs);
    targets.set(node, nts);
  }
}
