package dev.aegis.core.cache.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.TokenLogprob;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.Usage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of one cache entry: a versioned binary encoding of the answer's chunks (a whole
 * answer is kept as the chunks a stream of it would carry) and the wall-clock time it was stored,
 * deflated when larger than the threshold. The first byte says whether it is compressed, so
 * entries written with another threshold still decode.
 *
 * <p>Stateless and thread-safe.
 */
public final class CacheCodec {
  private static final int RAW = 0;
  private static final int DEFLATED = 1;
  private static final int VERSION = 2;

  private CacheCodec() {}

  /** A decoded entry: its chunks, when it was stored, and whether it was a stream. */
  public record Entry(List<ChatChunk> chunks, long storedAtMillis, boolean streamed) {
    public Entry {
      chunks = List.copyOf(chunks);
    }
  }

  public static byte[] encode(Entry entry, int compressAbove) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(entry.storedAtMillis());
      out.writeBoolean(entry.streamed());
      out.writeInt(entry.chunks().size());
      for (ChatChunk c : entry.chunks()) {
        chunk(out, c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    }
    byte[] raw = bytes.toByteArray();
    if (raw.length <= compressAbove) {
      byte[] v = new byte[raw.length + 1];
      v[0] = RAW;
      System.arraycopy(raw, 0, v, 1, raw.length);
      return v;
    }
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(raw);
      deflater.finish();
      ByteArrayOutputStream z = new ByteArrayOutputStream(raw.length / 2 + 16);
      z.write(DEFLATED);
      byte[] buf = new byte[4096];
      while (!deflater.finished()) {
        z.write(buf, 0, deflater.deflate(buf));
      }
      return z.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * @throws IllegalArgumentException when the bytes are not an entry of a known version
   */
  public static Entry decode(byte[] value) {
    byte[] raw = plain(value);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("cache entry of unknown version " + version);
      }
      long storedAt = in.readLong();
      boolean streamed = in.readBoolean();
      int n = in.readInt();
      List<ChatChunk> chunks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        chunks.add(chunk(in));
      }
      return new Entry(chunks, storedAt, streamed);
    } catch (IOException e) {
      throw new IllegalArgumentException("cache entry is truncated", e);
    }
  }

  /** The uncompressed payload of a stored value (tests look inside it). */
  public static byte[] plain(byte[] value) {
    if (value.length == 0) {
      throw new IllegalArgumentException("cache entry is empty");
    }
    if (value[0] == RAW) {
      byte[] raw = new byte[value.length - 1];
      System.arraycopy(value, 1, raw, 0, raw.length);
      return raw;
    }
    if (value[0] != DEFLATED) {
      throw new IllegalArgumentException("cache entry has an unknown format " + value[0]);
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(value, 1, value.length - 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream(value.length * 3);
      byte[] buf = new byte[4096];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalArgumentException("cache entry is truncated");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("cache entry is corrupt", e);
    } finally {
      inflater.end();
    }
  }

  // ---------------------------------------------------------------- chunks

  private static void chunk(DataOutputStream out, ChatChunk c) throws IOException {
    str(out, c.id());
    str(out, c.model());
    out.writeInt(c.index());
    nstr(out, c.role() == null ? null : c.role().name());
    nstr(out, c.text());
    nstr(out, c.refusal());
    nstr(out, c.reasoning());
    nstr(out, c.reasoningSignature());
    nstr(out, c.reasoningRedacted());
    out.writeInt(c.toolCalls().size());
    for (ToolCallDelta d : c.toolCalls()) {
      out.writeInt(d.index());
      nstr(out, d.id());
      nstr(out, d.name());
      str(out, d.arguments());
      nstr(out, d.signature());
    }
    nstr(out, c.finishReason() == null ? null : c.finishReason().name());
    Usage u = c.usage();
    out.writeBoolean(u != null);
    if (u != null) {
      out.writeInt(u.inputTokens());
      out.writeInt(u.outputTokens());
      out.writeInt(u.cacheReadTokens());
      out.writeInt(u.cacheWriteTokens());
      out.writeInt(u.cacheWrite5mTokens());
      out.writeInt(u.cacheWrite1hTokens());
      out.writeInt(u.reasoningTokens());
    }
    logprobs(out, c.logprobs());
    out.writeInt(c.extras().size());
    for (Map.Entry<String, @Nullable Object> e : c.extras().entrySet()) {
      str(out, e.getKey());
      value(out, e.getValue());
    }
  }

  private static ChatChunk chunk(DataInputStream in) throws IOException {
    ChatChunk.Builder b = ChatChunk.builder(str(in), str(in)).index(in.readInt());
    String role = nstr(in);
    b.role(role == null ? null : Role.valueOf(role));
    b.text(nstr(in)).refusal(nstr(in)).reasoning(nstr(in)).reasoningSignature(nstr(in)).reasoningRedacted(nstr(in));
    int calls = in.readInt();
    for (int i = 0; i < calls; i++) {
      b.addToolCall(new ToolCallDelta(in.readInt(), nstr(in), nstr(in), str(in), nstr(in)));
    }
    String finish = nstr(in);
    b.finishReason(finish == null ? null : FinishReason.valueOf(finish));
    if (in.readBoolean()) {
      b.usage(Usage.builder().inputTokens(in.readInt()).outputTokens(in.readInt()).cacheReadTokens(in.readInt())
          .cacheWriteTokens(in.readInt()).cacheWrite5mTokens(in.readInt()).cacheWrite1hTokens(in.readInt())
          .reasoningTokens(in.readInt()).build());
    }
    b.logprobs(logprobs(in));
    int extras = in.readInt();
    for (int i = 0; i < extras; i++) {
      b.extra(str(in), value(in));
    }
    return b.build();
  }

  private static void logprobs(DataOutputStream out, List<TokenLogprob> list) throws IOException {
    out.writeInt(list.size());
    for (TokenLogprob t : list) {
      str(out, t.token());
      out.writeDouble(t.logprob());
      logprobs(out, t.topLogprobs());
    }
  }

  private static List<TokenLogprob> logprobs(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == 0) {
      return List.of();
    }
    List<TokenLogprob> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(new TokenLogprob(str(in), in.readDouble(), logprobs(in)));
    }
    return list;
  }

  /** A JSON-compatible value (provider extras): null, string, boolean, number, list or map. */
  private static void value(DataOutputStream out, @Nullable Object v) throws IOException {
    if (v == null) {
      out.writeByte('0');
    } else if (v instanceof String) {
      out.writeByte('s');
      str(out, (String) v);
    } else if (v instanceof Boolean) {
      out.writeByte((Boolean) v ? 't' : 'f');
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      out.writeByte('l');
      out.writeLong(((Number) v).longValue());
    } else if (v instanceof Number) {
      out.writeByte('d');
      out.writeDouble(((Number) v).doubleValue());
    } else if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      out.writeByte('{');
      out.writeInt(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        str(out, String.valueOf(e.getKey()));
        value(out, e.getValue());
      }
    } else if (v instanceof List) {
      List<?> l = (List<?>) v;
      out.writeByte('[');
      out.writeInt(l.size());
      for (Object o : l) {
        value(out, o);
      }
    } else {
      out.writeByte('s'); // not JSON-compatible: kept as its text
      str(out, v.toString());
    }
  }

  private static @Nullable Object value(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case '0':
        return null;
      case 's':
        return str(in);
      case 't':
        return Boolean.TRUE;
      case 'f':
        return Boolean.FALSE;
      case 'l':
        return in.readLong();
      case 'd':
        return in.readDouble();
      case '{': {
        int n = in.readInt();
        Map<String, @Nullable Object> m = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
          m.put(str(in), value(in));
        }
        return m;
      }
      case '[': {
        int n = in.readInt();
        List<@Nullable Object> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          l.add(value(in));
        }
        return l;
      }
      default:
        throw new IOException("bad value tag " + tag);
    }
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static void nstr(DataOutputStream out, @Nullable String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      str(out, s);
    }
  }

  private static String str(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("bad string length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static @Nullable String nstr(DataInputStream in) throws IOException {
    return in.readBoolean() ? str(in) : null;
  }
}
