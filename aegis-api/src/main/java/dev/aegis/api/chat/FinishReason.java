package dev.aegis.api.chat;

/**
 * Why the model stopped, normalized to OpenAI's values.
 *
 * <p>Immutable and thread-safe.
 */
public enum FinishReason {
  /** A natural end or a stop sequence. */
  STOP("stop"),
  /** The token limit was reached. */
  LENGTH("length"),
  /** The model called tools. */
  TOOL_CALLS("tool_calls"),
  /** Content was withheld by a safety filter or refused. */
  CONTENT_FILTER("content_filter"),
  /** Anything else (the raw reason is kept in the response extras where known). */
  OTHER("other");

  private final String wire;

  FinishReason(String wire) {
    this.wire = wire;
  }

  /** The OpenAI wire value, e.g. {@code "tool_calls"}. */
  public String wireName() {
    return wire;
  }

  /** Parses an OpenAI wire value; unknown values map to {@link #OTHER}. */
  public static FinishReason fromWire(String value) {
    switch (value) {
      case "stop": return STOP;
      case "length": return LENGTH;
      case "tool_calls":
      case "function_call": return TOOL_CALLS;
      case "content_filter": return CONTENT_FILTER;
      default: return OTHER;
    }
  }
}
