package dev.aegis.core.internal;

/**
 * Adds headers to one attempt's provider call, on top of the target's configured headers (an
 * observer's {@code traceparent}). Not thread-safe: used by the attempt's own thread before the
 * provider is called.
 */
public interface OutboundHeaders {
  /** Sets {@code name} to {@code value} for this attempt only, replacing a configured value. */
  void put(String name, String value);
}
