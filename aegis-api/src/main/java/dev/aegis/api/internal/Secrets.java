package dev.aegis.api.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Scrubs key-like strings from text that may end up in logs or exceptions (upstream error
 * messages echo keys surprisingly often). Runs on the error path only. Not public API.
 */
public final class Secrets {
  private Secrets() {}

  private static final Pattern KEY_LIKE = Pattern.compile(
      "(?i)(?:sk-(?:ant-|proj-)?[A-Za-z0-9_\\-]{8,}"
          + "|\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"
          + "|\\bAIza[0-9A-Za-z_\\-]{20,}"
          + "|\\bgh[pousr]_[A-Za-z0-9]{20,}"
          + "|\\bgithub_pat_[A-Za-z0-9_]{20,}"
          + "|\\bxox[abprs]-[A-Za-z0-9\\-]{10,}"
          + "|\\beyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}"
          + "|(?<=bearer )[A-Za-z0-9._~+/\\-]{12,}=*"
          + "|(?<=(?:api[_-]?key|x-api-key|access[_-]?token|secret|password|token)[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?)(?!\\*{4})[^\\s\"',;&]{6,})");

  /** The text with every key-like substring replaced by {@code ****}; null stays null. */
  public static String scrub(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    Matcher m = KEY_LIKE.matcher(text);
    if (!m.find()) {
      return text;
    }
    return m.replaceAll("****");
  }
}
