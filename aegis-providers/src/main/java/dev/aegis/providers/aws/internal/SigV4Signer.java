package dev.aegis.providers.aws.internal;

import dev.aegis.api.credential.Credential;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AWS Signature Version 4 header signing, written from the specification and checked byte for
 * byte against the botocore and aws-c-auth test suites.
 *
 * <p>The canonical URI is the request line's (already percent-encoded) path, optionally
 * normalized (dot segments removed, duplicate slashes collapsed), with every segment URI-encoded
 * once more, as every AWS service but S3 expects: a Bedrock model id {@code a:b} travels as
 * {@code a%3Ab} and is signed as {@code a%253Ab}. The canonical query decodes then re-encodes
 * each parameter and sorts them. Header values are trimmed with inner whitespace runs collapsed;
 * repeated headers are joined with commas in order.
 *
 * <p>Entry point for benchmarks: {@link #sign(String, String, String, List, String,
 * Credential.AwsCredentials, Instant, boolean)}.
 *
 * <p>Thread-safe: the signing-key cache is a single immutable entry swapped atomically.
 */
public final class SigV4Signer {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  /** SHA-256 of the empty string. */
  public static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  private final String region;
  private final String service;
  private volatile @Nullable KeyCacheEntry keyCache;

  private record KeyCacheEntry(String secret, String date, byte[] key) {}

  /** One header to sign: the name as sent, and its value. */
  public record Header(String name, String value) {}

  /**
   * The outcome of signing.
   *
   * @param amzDate the {@code X-Amz-Date} value used
   * @param canonicalRequest the canonical request
   * @param stringToSign the string to sign
   * @param signature the hex signature
   * @param signedHeaders the signed header names, {@code ;}-joined
   * @param authorization the {@code Authorization} header value
   */
  public record Signature(String amzDate, String canonicalRequest, String stringToSign, String signature,
      String signedHeaders, String authorization) {}

  public SigV4Signer(String region, String service) {
    this.region = region;
    this.service = service;
  }

  public String region() {
    return region;
  }

  /** The {@code X-Amz-Date} form of an instant. */
  public static String amzDate(Instant time) {
    return AMZ_DATE.format(time);
  }

  /**
   * Signs a request whose headers already include {@code host}, {@code x-amz-date} and, when it
   * is signed, {@code x-amz-security-token}; every given header is signed.
   *
   * @param method the HTTP method
   * @param path the path as it appears on the request line (percent-encoded form)
   * @param query the raw query string without {@code ?}, or empty
   * @param headers the headers to sign, in order (repeated names allowed)
   * @param payloadHash the hex SHA-256 of the body
   * @param credentials the credentials
   * @param time the signing time (must equal the {@code x-amz-date} header's)
   * @param normalizePath whether to normalize the path (true for every service but S3)
   */
  public Signature sign(String method, String path, String query, List<Header> headers, String payloadHash,
      Credential.AwsCredentials credentials, Instant time, boolean normalizePath) {
    String amzDate = amzDate(time);
    String date = amzDate.substring(0, 8);
    StringBuilder creq = new StringBuilder(256);
    creq.append(method).append('\n');
    canonicalUri(path, normalizePath, creq);
    creq.append('\n');
    canonicalQuery(query, creq);
    creq.append('\n');
    TreeMap<String, StringBuilder> canon = new TreeMap<>();
    for (Header h : headers) {
      String name = h.name().toLowerCase(java.util.Locale.ROOT).trim();
      StringBuilder v = canon.get(name);
      if (v == null) {
        canon.put(name, new StringBuilder(trimAll(h.value())));
      } else {
        v.append(',').append(trimAll(h.value()));
      }
    }
    StringBuilder signed = new StringBuilder(64);
    for (Map.Entry<String, StringBuilder> e : canon.entrySet()) {
      creq.append(e.getKey()).append(':').append(e.getValue()).append('\n');
      if (signed.length() > 0) signed.append(';');
      signed.append(e.getKey());
    }
    creq.append('\n').append(signed).append('\n').append(payloadHash);
    String canonicalRequest = creq.toString();
    String scope = date + '/' + region + '/' + service + "/aws4_request";
    String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
        + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    String signature = hex(hmac(signingKey(credentials.secretAccessKey(), date),
        stringToSign.getBytes(StandardCharsets.UTF_8)));
    String authorization = ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope
        + ", SignedHeaders=" + signed + ", Signature=" + signature;
    return new Signature(amzDate, canonicalRequest, stringToSign, signature, signed.toString(), authorization);
  }

  private byte[] signingKey(String secret, String date) {
    KeyCacheEntry c = keyCache;
    if (c != null && c.date.equals(date) && c.secret.equals(secret)) {
      return c.key;
    }
    byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date.getBytes(StandardCharsets.UTF_8));
    k = hmac(k, region.getBytes(StandardCharsets.UTF_8));
    k = hmac(k, service.getBytes(StandardCharsets.UTF_8));
    k = hmac(k, "aws4_request".getBytes(StandardCharsets.UTF_8));
    keyCache = new KeyCacheEntry(secret, date, k);
    return k;
  }

  // ---------------------------------------------------------------- canonical parts

  static void canonicalUri(String path, boolean normalize, StringBuilder out) {
    if (path.isEmpty()) {
      out.append('/');
      return;
    }
    String p = normalize ? normalize(path) : path;
    int start = 0;
    int n = p.length();
    while (start <= n) {
      int slash = p.indexOf('/', start);
      int end = slash < 0 ? n : slash;
      uriEncode(p.substring(start, end), out);
      if (slash < 0) {
        break;
      }
      out.append('/');
      start = slash + 1;
    }
  }

  /** Removes dot segments and empty segments, keeping a leading and a trailing slash. */
  static String normalize(String path) {
    boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
    Deque<String> segments = new ArrayDeque<>();
    for (String s : path.split("/", -1)) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(s);
      }
    }
    StringBuilder sb = new StringBuilder(path.length());
    for (String s : segments) {
      sb.append('/').append(s);
    }
    if (segments.isEmpty() || trailing) {
      sb.append('/');
    }
    return sb.toString();
  }

  static void canonicalQuery(String query, StringBuilder out) {
    if (query == null || query.isEmpty()) {
      return;
    }
    List<String[]> params = new ArrayList<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      StringBuilder ek = new StringBuilder();
      uriEncode(percentDecode(k), ek);
      StringBuilder ev = new StringBuilder();
      uriEncode(percentDecode(v), ev);
      params.add(new String[] {ek.toString(), ev.toString()});
    }
    params.sort((a, b) -> {
      int c = a[0].compareTo(b[0]);
      return c != 0 ? c : a[1].compareTo(b[1]);
    });
    for (int i = 0; i < params.size(); i++) {
      if (i > 0) out.append('&');
      out.append(params.get(i)[0]).append('=').append(params.get(i)[1]);
    }
  }

  /** RFC 3986 encoding of everything but the unreserved characters, over UTF-8 bytes. */
  public static void uriEncode(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append(c);
      } else if (c < 0x80) {
        pct(c, out);
      } else {
        int cp = s.codePointAt(i);
        if (Character.charCount(cp) == 2) i++;
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          pct(b & 0xff, out);
        }
      }
    }
  }

  /** A path segment encoded once (for building request URLs: {@code a:b/c} becomes {@code a%3Ab%2Fc}). */
  public static String encodeSegment(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    uriEncode(s, sb);
    return sb.toString();
  }

  private static void pct(int b, StringBuilder out) {
    out.append('%').append(UPPER_HEX[b >> 4]).append(UPPER_HEX[b & 0xf]);
  }

  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(b, 0, b.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Trims and collapses every run of whitespace (spaces, tabs, line breaks) into one space. */
  static String trimAll(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    boolean space = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space = sb.length() > 0;
      } else {
        if (space) sb.append(' ');
        space = false;
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- crypto

  /** The hex SHA-256 of bytes. */
  public static String sha256Hex(byte[] bytes) {
    return hex(sha256(bytes));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
