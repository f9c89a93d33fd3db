package dev.aegis.core.cache.internal;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.ResponseFormat;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The canonical encoding of everything in a request that can change its answer, hashed with
 * SHA-256: the tenant scope, the alias, the routing-relevant labels, every message (role, every
 * content part, name, tool calls with their ids, tool-call id, refusal, reasoning), tools, tool
 * choice, response format and every sampling parameter, reasoning effort and the extra provider
 * parameters. Each field is written with its own tag and every variable-length value with its
 * length, so no two different requests encode alike. Not in the key: {@link ChatRequest#user()}
 * (an abuse-monitoring id that does not change the answer) and prompt-caching hints
 * ({@code CacheHint} on content parts and tools: they change what a provider bills, not what it
 * answers).
 *
 * <p>Fields are streamed into the digest through a small buffer, so a 32 KB conversation costs
 * no 32 KB copy. Not thread-safe: one instance per computation.
 */
public final class RequestKey {
  private static final MessageDigest PROTOTYPE;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static {
    try {
      PROTOTYPE = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final MessageDigest digest;
  private final byte[] buf = new byte[512];
  private int pos;

  private RequestKey() {
    MessageDigest d;
    try {
      d = (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      try {
        d = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    this.digest = d;
  }

  /** The exact key's digest (64 hex characters). */
  public static String exact(String tenant, @Nullable String alias, Map<String, String> labels, ChatRequest request) {
    RequestKey k = new RequestKey();
    k.scope(tenant, alias, labels);
    k.request(request, false);
    return k.hex();
  }

  /**
   * The digest of everything but the last user turn's content: two requests that agree on it
   * differ at most in their last question, which the semantic cache compares by meaning.
   */
  public static String conversation(String tenant, @Nullable String alias, Map<String, String> labels,
      ChatRequest request) {
    RequestKey k = new RequestKey();
    k.tag('S');
    k.scope(tenant, alias, labels);
    k.request(request, true);
    return k.hex();
  }

  /** The index of the last user message, or -1. */
  public static int lastUserTurn(ChatRequest request) {
    List<Message> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return i;
      }
    }
    return -1;
  }

  private void scope(String tenant, @Nullable String alias, Map<String, String> labels) {
    tag('t');
    str(tenant);
    tag('a');
    nstr(alias);
    tag('l');
    if (labels.isEmpty()) {
      i32(0);
    } else {
      List<String> names = new ArrayList<>(labels.keySet());
      names.sort(null);
      i32(names.size());
      for (String n : names) {
        str(n);
        str(labels.get(n));
      }
    }
  }

  private void request(ChatRequest r, boolean skipLastUserText) {
    tag('m');
    nstr(r.model());
    List<Message> messages = r.messages();
    int skip = skipLastUserText ? lastUserTurn(r) : -1;
    tag('M');
    i32(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      message(messages.get(i), i == skip);
    }
    tag('T');
    ndbl(r.temperature());
    tag('P');
    ndbl(r.topP());
    tag('K');
    nint(r.topK());
    tag('X');
    nint(r.maxTokens());
    tag('s');
    i32(r.stop().size());
    for (String s : r.stop()) {
      str(s);
    }
    tag('n');
    nint(r.n());
    tag('d');
    if (r.seed() == null) {
      i8(0);
    } else {
      i8(1);
      i64(r.seed());
    }
    tag('p');
    ndbl(r.presencePenalty());
    tag('f');
    ndbl(r.frequencyPenalty());
    tag('L');
    nbool(r.logprobs());
    tag('O');
    nint(r.topLogprobs());
    tag('u');
    i32(r.tools().size());
    for (Tool t : r.tools()) {
      str(t.name());
      nstr(t.description());
      str(t.parameters());
      nbool(t.strict());
    }
    tag('c');
    ToolChoice tc = r.toolChoice();
    if (tc == null) {
      i8(0);
    } else {
      i8(1);
      str(tc.mode().name());
      nstr(tc.function());
    }
    tag('q');
    nbool(r.parallelToolCalls());
    tag('F');
    ResponseFormat rf = r.responseFormat();
    if (rf == null) {
      i8(0);
    } else {
      i8(1);
      str(rf.type().name());
      nstr(rf.name());
      nstr(rf.schema());
      nbool(rf.strict());
    }
    tag('R');
    nstr(r.reasoningEffort());
    tag('E');
    value(r.extras());
  }

  private void message(Message m, boolean skipContent) {
    tag('r');
    str(m.role().name());
    if (skipContent) {
      tag('?'); // the last user turn: compared by meaning, not by bytes
    } else {
      i32(m.content().size());
      for (ContentPart p : m.content()) {
        if (p instanceof ContentPart.Text) {
          tag('x');
          str(((ContentPart.Text) p).text());
        } else {
          ContentPart.Image img = (ContentPart.Image) p;
          tag('i');
          str(img.url());
          nstr(img.detail());
        }
      }
    }
    nstr(m.name());
    i32(m.toolCalls().size());
    for (ToolCall c : m.toolCalls()) {
      str(c.id());
      str(c.name());
      str(c.arguments());
      nstr(c.signature()); // an opaque provider signature the call is sent back with
    }
    nstr(m.toolCallId());
    nstr(m.refusal());
    i32(m.reasoning().size());
    for (Reasoning rb : m.reasoning()) {
      str(rb.text());
      nstr(rb.signature());
      nstr(rb.redacted());
    }
  }

  /** A JSON-compatible value; map keys sorted so insertion order does not matter. */
  private void value(@Nullable Object v) {
    if (v == null) {
      tag('0');
    } else if (v instanceof String) {
      tag('S');
      str((String) v);
    } else if (v instanceof Boolean) {
      tag((Boolean) v ? 'y' : 'N');
    } else if (v instanceof Number) {
      // 1, 1L and 1.0 are the same JSON number
      tag('#');
      Number n = (Number) v;
      str(n instanceof Double || n instanceof Float ? canonicalDouble(n.doubleValue()) : n.toString());
    } else if (v instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) v;
      tag('{');
      List<String> keys = new ArrayList<>(map.size());
      for (Object k : map.keySet()) {
        keys.add(String.valueOf(k));
      }
      keys.sort(null);
      i32(keys.size());
      for (String k : keys) {
        str(k);
        value(map.get(k));
      }
    } else if (v instanceof List) {
      List<?> list = (List<?>) v;
      tag('[');
      i32(list.size());
      for (Object o : list) {
        value(o);
      }
    } else {
      tag('?');
      str(v.getClass().getName());
      str(v.toString());
    }
  }

  private static String canonicalDouble(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  // ---------------------------------------------------------------- primitives

  private void tag(char c) {
    i8(c);
  }

  private void i8(int b) {
    if (pos == buf.length) {
      drain();
    }
    buf[pos++] = (byte) b;
  }

  private void i32(int v) {
    i8(v >>> 24);
    i8(v >>> 16);
    i8(v >>> 8);
    i8(v);
  }

  private void i64(long v) {
    i32((int) (v >>> 32));
    i32((int) v);
  }

  private void str(String s) {
    int n = s.length();
    i32(n);
    for (int i = 0; i < n; i++) {
      if (pos + 2 > buf.length) {
        drain();
      }
      char c = s.charAt(i);
      buf[pos++] = (byte) (c >>> 8);
      buf[pos++] = (byte) c;
    }
  }

  private void nstr(@Nullable String s) {
    if (s == null) {
      i8(0);
    } else {
      i8(1);
      str(s);
    }
  }

  private void nint(@Nullable Integer v) {
    if (v == null) {
      i8(0);
    } else {
      i8(1);
      i32(v);
    }
  }

  private void ndbl(@Nullable Double v) {
    if (v == null) {
      i8(0);
    } else {
      i8(1);
      i64(Double.doubleToLongBits(v == 0.0 ? 0.0 : v)); // -0.0 and 0.0 sample alike
    }
  }

  private void nbool(@Nullable Boolean v) {
    i8(v == null ? 0 : v ? 2 : 1);
  }

  private void drain() {
    digest.update(buf, 0, pos);
    pos = 0;
  }

  private String hex() {
    drain();
    byte[] d = digest.digest();
    char[] out = new char[d.length * 2];
    for (int i = 0; i < d.length; i++) {
      out[2 * i] = HEX[(d[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[d[i] & 0xf];
    }
    return new String(out);
  }
}
