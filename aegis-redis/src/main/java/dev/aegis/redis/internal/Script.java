package dev.aegis.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * One Lua script, run by its SHA-1 ({@code EVALSHA}). Redis forgets scripts on a restart or
 * {@code SCRIPT FLUSH}, and every cluster node keeps its own, so a {@code NOSCRIPT} answer loads
 * it ({@code SCRIPT LOAD}, on the node that owns the first key) and runs it again: one extra round
 * trip per node per server lifetime.
 *
 * <p>Immutable and thread-safe.
 */
public final class Script {
  private final String name;
  private final String source;
  private final byte[] sourceBytes;
  private final String sha;
  private final byte[] shaBytes;

  private Script(String name, String source) {
    this.name = name;
    this.source = source;
    this.sourceBytes = source.getBytes(StandardCharsets.UTF_8);
    this.sha = sha1(sourceBytes);
    this.shaBytes = sha.getBytes(StandardCharsets.US_ASCII);
  }

  /** The script in this package's resource {@code name}.lua. */
  public static Script named(String name) {
    try (InputStream in = Script.class.getResourceAsStream(name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("missing script " + name + ".lua");
      }
      return new Script(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the script on text keys and arguments. */
  public Object run(UnifiedJedis jedis, List<String> keys, List<String> args) {
    try {
      return jedis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      jedis.scriptLoad(source, keys.get(0));
      return jedis.evalsha(sha, keys, args);
    }
  }

  /** Runs the script on binary keys and arguments. */
  public Object runBinary(UnifiedJedis jedis, List<byte[]> keys, List<byte[]> args) {
    try {
      return jedis.evalsha(shaBytes, keys, args);
    } catch (JedisNoScriptException e) {
      jedis.scriptLoad(sourceBytes, keys.get(0));
      return jedis.evalsha(shaBytes, keys, args);
    }
  }

  public String name() {
    return name;
  }

  public String sha() {
    return sha;
  }

  private static String sha1(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(bytes);
      StringBuilder sb = new StringBuilder(40);
      for (byte b : d) {
        sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
