package dev.aegis.guardrails.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.guardrail.Finding;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.StreamTransformer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The output guardrails of one streamed attempt. Text deltas are unmasked, then held in a bounded
 * window and scanned there, so a match that spans chunk boundaries is still caught and blocked
 * text is never delivered. Text is released once more than {@code window} characters are held;
 * a match that straddles the release point keeps its start held (up to twice the window, after
 * which it is acted on as found). Memory per stream is O(window).
 *
 * <p>Non-text chunks (role, tool calls, reasoning, finish reason, usage) keep their place: a chunk
 * that arrives while text is held waits behind that text and is emitted right after it. Tool-call
 * argument fragments are unmasked too, holding back a possible partial placeholder.
 *
 * <p>Not thread-safe: the gateway calls a transformer from one thread at a time.
 */
final class StreamGuard implements StreamTransformer {
  private static final int CONTEXT = 32;

  private final Guard guard;
  private final RequestState state;
  private final int window;
  private final Map<Integer, ChoiceStream> choices = new TreeMap<>();
  private final Guard.Report report;
  private final boolean unmask;
  private final boolean scan;

  /**
   * @param unmask restore placeholders
   * @param scan apply the output rules; without it text is released as soon as it is unmasked
   */
  StreamGuard(Guard guard, Exchange exchange, RequestState state, boolean unmask, boolean scan) {
    this.guard = guard;
    this.state = state;
    this.unmask = unmask;
    this.scan = scan;
    this.window = scan ? guard.policy().window() : 0;
    this.report = guard.new Report(exchange, state, false);
  }

  @Override
  public void onChunk(ChatChunk chunk, Output out) {
    ChoiceStream cs = choices.get(chunk.index());
    if (cs == null) {
      cs = new ChoiceStream(chunk.index());
      choices.put(chunk.index(), cs);
    }
    cs.accept(chunk, out);
  }

  @Override
  public void flush(Output out) {
    for (ChoiceStream cs : choices.values()) {
      cs.finish(out);
    }
  }

  private static boolean hasNonText(ChatChunk c) {
    return c.role() != null || !c.refusal().isEmpty() || !c.reasoning().isEmpty() || c.reasoningSignature() != null
        || c.reasoningRedacted() != null || !c.extras().isEmpty()
        || !c.toolCalls().isEmpty() || c.finishReason() != null || c.usage() != null || !c.logprobs().isEmpty();
  }

  /** A chunk waiting behind held text, to be emitted once the text before {@code pos} is out. */
  private static final class Pending {
    int pos;
    final ChatChunk chunk;

    Pending(int pos, ChatChunk chunk) {
      this.pos = pos;
      this.chunk = chunk;
    }
  }

  private final class ChoiceStream {
    final int index;
    final @Nullable Unmasker unmasker;
    final Map<Integer, Unmasker> toolUnmaskers = new TreeMap<>();
    final StringBuilder held = new StringBuilder();
    final ArrayDeque<Pending> queue = new ArrayDeque<>();
    final StringBuilder piece = new StringBuilder();
    String context = "";
    String id = "";
    String model = "";

    ChoiceStream(int index) {
      this.index = index;
      this.unmasker = !unmask || state.masks().isEmpty() ? null : new Unmasker(state.masks());
    }

    boolean idle() {
      return held.length() == 0 && queue.isEmpty() && (unmasker == null || !unmasker.holding());
    }

    void accept(ChatChunk chunk, Output out) {
      ChatChunk c = unmaskToolCalls(chunk);
      String text = c.text();
      boolean hasText = text != null && !text.isEmpty();
      if (!hasText && idle()) {
        if (c.finishReason() != null) {
          ChatChunk rest = settleToolCalls(c);
          if (rest != null) {
            out.emit(rest);
          }
        }
        out.emit(c);
        return;
      }
      // what of the chunk waits behind the held text; most deltas are text only, so the rest of
      // one is built only when it has any
      ChatChunk rest = c;
      if (hasText) {
        id = c.id();
        model = c.model();
        if (hasNonText(c)) {
          rest = c.toBuilder().text(null).build();
          if (c.role() != null) {
            queue.add(new Pending(held.length(), ChatChunk.builder(c.id(), c.model()).index(index).role(c.role()).build()));
            rest = rest.toBuilder().role(null).build();
          }
        }
        held.append(unmasker == null ? text : unmasker.feed(text));
      }
      // a text-only chunk is left as it is, and hasNonText is false for it
      if (hasNonText(rest)) {
        settleText();
        if (rest.finishReason() != null) {
          ChatChunk tail = settleToolCalls(rest);
          if (tail != null) {
            queue.add(new Pending(held.length(), tail));
          }
        }
        queue.add(new Pending(held.length(), rest));
      }
      release(out, false);
    }

    void finish(Output out) {
      settleText();
      ChatChunk tail = settleToolCalls(null);
      if (tail != null) {
        queue.add(new Pending(held.length(), tail));
      }
      release(out, true);
    }

    private void settleText() {
      if (unmasker != null && unmasker.holding()) {
        held.append(unmasker.settle());
      }
    }

    /** Restores placeholders in tool-call argument fragments, per tool call. */
    private ChatChunk unmaskToolCalls(ChatChunk c) {
      if (c.toolCalls().isEmpty() || !unmask || state.masks().isEmpty()) {
        return c;
      }
      List<ToolCallDelta> deltas = new ArrayList<>(c.toolCalls().size());
      for (ToolCallDelta d : c.toolCalls()) {
        Unmasker u = toolUnmaskers.computeIfAbsent(d.index(), k -> new Unmasker(state.masks()));
        deltas.add(new ToolCallDelta(d.index(), d.id(), d.name(), u.feed(d.arguments())));
      }
      return c.toBuilder().toolCalls(deltas).build();
    }

    /** A chunk with the argument tails held by the tool-call unmaskers, or null if none. */
    private @Nullable ChatChunk settleToolCalls(@Nullable ChatChunk like) {
      List<ToolCallDelta> tails = null;
      for (Map.Entry<Integer, Unmasker> e : toolUnmaskers.entrySet()) {
        String rest = e.getValue().settle();
        if (!rest.isEmpty()) {
          if (tails == null) {
            tails = new ArrayList<>(1);
          }
          tails.add(new ToolCallDelta(e.getKey(), null, null, rest));
        }
      }
      if (tails == null) {
        return null;
      }
      String cid = like != null ? like.id() : id;
      String cmodel = like != null ? like.model() : model;
      return ChatChunk.builder(cid, cmodel).index(index).toolCalls(tails).build();
    }

    /** Scans the held text and releases what may go: all of it when {@code last}. */
    private void release(Output out, boolean last) {
      int len = held.length();
      if (!last && len <= window) {
        return;
      }
      int cut = last ? len : len - window;
      List<Hit> acted = List.of();
      if (len > 0 && scan) {
        String scanned = context + held;
        int offset = context.length();
        List<Hit> hits = guard.outputHits(scanned, state);
        if (!last) {
          cut = holdStraddling(hits, offset, cut, len);
        }
        if (cut == 0 && !last) {
          return;
        }
        acted = new ArrayList<>(hits.size());
        for (Hit h : hits) {
          int s = Math.max(h.start() - offset, 0);
          int e = Math.min(h.end() - offset, cut);
          if (e > 0 && s < cut) {
            acted.add(offset == 0 && e == h.end() ? h
                : new Hit(h.rule(), h.action(), new Finding(h.finding().type(), s, e,
                    h.finding().confidence(), h.finding().detector())));
          }
        }
        report.add(acted);
        report.publish();
      }
      emit(out, cut, Guard.rewrites(acted));
      if (last) {
        while (!queue.isEmpty()) {
          out.emit(queue.poll().chunk);
        }
      }
    }

    /**
     * Moves the release point back to the start of any match that straddles it, so a match is
     * never released half-scanned; gives up (and acts on it as found) beyond twice the window.
     */
    private int holdStraddling(List<Hit> hits, int offset, int cut, int len) {
      boolean moved = true;
      while (moved) {
        moved = false;
        for (Hit h : hits) {
          int s = h.start() - offset;
          int e = h.end() - offset;
          if (s < cut && e > cut) {
            if (s > 0) {
              cut = s;
              moved = true;
            } else if (len < 2 * window) {
              return 0;
            }
          }
        }
      }
      return cut;
    }

    /**
     * Emits held text up to {@code cut} with the rewrites applied (hit spans are in held-text
     * coordinates here) and the queued chunks at their places, then drops it from the buffer.
     */
    private void emit(Output out, int cut, List<Hit> rewrites) {
      int p = 0;
      StringBuilder delivered = new StringBuilder(context);
      for (Hit h : rewrites) {
        p = copy(out, p, h.start(), delivered);
        String r = Guard.replacement(h, held, false, state);
        piece.append(r);
        delivered.append(r);
        while (!queue.isEmpty() && queue.peek().pos < h.end()) {
          emitQueued(out);
        }
        p = h.end();
      }
      copy(out, p, cut, delivered);
      flushPiece(out);
      held.delete(0, cut);
      for (Pending q : queue) {
        q.pos -= cut;
      }
      context = delivered.length() <= CONTEXT ? delivered.toString()
          : delivered.substring(delivered.length() - CONTEXT);
    }

    /** Copies held text {@code [from, to)} out, emitting queued chunks where they belong. */
    private int copy(Output out, int from, int to, StringBuilder delivered) {
      while (!queue.isEmpty() && queue.peek().pos <= to) {
        int at = Math.max(queue.peek().pos, from);
        piece.append(held, from, at);
        delivered.append(held, from, at);
        from = at;
        emitQueued(out);
      }
      piece.append(held, from, to);
      delivered.append(held, from, to);
      return to;
    }

    private void emitQueued(Output out) {
      flushPiece(out);
      out.emit(queue.poll().chunk);
    }

    private void flushPiece(Output out) {
      if (piece.length() > 0) {
        out.emit(ChatChunk.builder(id, model).index(index).text(piece.toString()).build());
        piece.setLength(0);
      }
    }
  }
}
