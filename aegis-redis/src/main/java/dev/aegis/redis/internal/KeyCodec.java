package dev.aegis.redis.internal;

import dev.aegis.api.auth.KeyPolicy;
import dev.aegis.api.auth.Scope;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.limit.RateLimit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A virtual key's description as bytes in its Redis hash (field {@code desc}): a versioned
 * binary form of every field but {@code revokedAt}, which the revoke script sets in a field of its
 * own, so no caller ever reads, changes and writes the description back.
 */
final class KeyCodec {
  private static final int VERSION = 1;

  private KeyCodec() {}

  static byte[] encode(VirtualKey k) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      string(out, k.id());
      string(out, k.name());
      string(out, k.tenant());
      string(out, k.user());
      strings(out, k.allowedModels());
      strings(out, new ArrayList<>(new TreeSet<>(k.allowedProviders())));
      List<String> scopes = new ArrayList<>();
      for (Scope s : new TreeSet<>(k.scopes())) {
        scopes.add(s.name());
      }
      strings(out, scopes);
      instant(out, k.createdAt());
      instant(out, k.expiresAt());
      out.writeInt(k.limits().size());
      for (RateLimit l : k.limits()) {
        out.writeUTF(l.name());
        out.writeUTF(l.scope().name());
        out.writeUTF(l.kind().name());
        out.writeLong(l.amount());
        out.writeLong(l.per().getSeconds());
        out.writeInt(l.per().getNano());
      }
      out.writeInt(k.budgets().size());
      for (Budget b : k.budgets()) {
        out.writeUTF(b.name());
        out.writeUTF(b.scope().name());
        out.writeUTF(b.amount().toString());
        out.writeUTF(b.currency());
        out.writeUTF(b.period().name());
        out.writeUTF(b.zone().getId());
      }
      string(out, k.policy().guardrailProfile());
      map(out, k.policy().aliases());
      map(out, k.metadata());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static VirtualKey decode(byte[] bytes, @Nullable Instant revokedAt) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readByte();
      if (version != VERSION) {
        throw new IllegalStateException("a virtual key stored in format " + version + ", this version reads " + VERSION);
      }
      VirtualKey.Builder b = VirtualKey.builder().id(string(in)).name(string(in)).tenant(string(in)).user(string(in));
      for (String m : strings(in)) {
        b.allowModel(m);
      }
      for (String p : strings(in)) {
        b.allowProvider(p);
      }
      for (String s : strings(in)) {
        b.scope(Scope.valueOf(s));
      }
      b.createdAt(instant(in)).expiresAt(instant(in)).revokedAt(revokedAt);
      for (int i = in.readInt(); i > 0; i--) {
        b.limit(new RateLimit(in.readUTF(), RateLimit.Scope.valueOf(in.readUTF()), RateLimit.Kind.valueOf(in.readUTF()),
            in.readLong(), Duration.ofSeconds(in.readLong(), in.readInt())));
      }
      for (int i = in.readInt(); i > 0; i--) {
        b.budget(new Budget(in.readUTF(), Budget.Scope.valueOf(in.readUTF()), new BigDecimal(in.readUTF()),
            in.readUTF(), Budget.Period.valueOf(in.readUTF()), ZoneId.of(in.readUTF())));
      }
      String profile = string(in);
      b.policy(new KeyPolicy(profile, map(in)));
      for (Map.Entry<String, String> e : map(in).entrySet()) {
        b.metadata(e.getKey(), e.getValue());
      }
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void string(DataOutputStream out, @Nullable String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static @Nullable String string(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void strings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      out.writeUTF(v);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.readUTF());
    }
    return out;
  }

  private static void instant(DataOutputStream out, @Nullable Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  private static @Nullable Instant instant(DataInputStream in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }

  private static void map(DataOutputStream out, Map<String, String> m) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, String> e : m.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  private static Map<String, String> map(DataInputStream in) throws IOException {
    int n = in.readInt();
    Map<String, String> m = new java.util.LinkedHashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      m.put(in.readUTF(), in.readUTF());
    }
    return m;
  }
}
