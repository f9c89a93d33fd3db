package dev.aegis.api.error;

/**
 * What went wrong, in a fixed vocabulary. This is the one table that maps failures to HTTP
 * statuses and OpenAI-style error types: the HTTP endpoint answers with {@link #httpStatus()} and
 * {@link #errorType()} and nothing else decides.
 *
 * <p>Upstream authentication failures are the gateway's problem (its provider key is wrong), so
 * they map to 502, never to 401.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorKind {
  /** The caller's request is malformed or unsupported. */
  INVALID_REQUEST(400, "invalid_request_error"),
  /** The caller's request body is larger than the endpoint accepts. */
  REQUEST_TOO_LARGE(413, "invalid_request_error"),
  /** The caller's credential is missing or invalid. */
  AUTHENTICATION(401, "authentication_error"),
  /** The caller may not do this (model not allowed for the key, ...). */
  PERMISSION_DENIED(403, "permission_error"),
  /** The requested model or resource does not exist. */
  NOT_FOUND(404, "not_found_error"),
  /** A guardrail blocked the request or the answer. */
  GUARDRAIL(400, "guardrail_violation"),
  /** The caller's budget is spent. */
  BUDGET_EXCEEDED(402, "budget_exceeded"),
  /** The gateway's own rate limit for the caller was reached. */
  RATE_LIMITED(429, "rate_limit_error"),
  /** A provider rejected the request as invalid (context too long, bad parameter, ...). */
  UPSTREAM_INVALID_REQUEST(400, "invalid_request_error"),
  /** A provider's safety filter blocked the request or answer. */
  UPSTREAM_CONTENT_FILTER(400, "content_filter"),
  /** A provider rejected the gateway's credentials: a gateway-side failure. */
  UPSTREAM_AUTHENTICATION(502, "upstream_authentication_error"),
  /** A provider rate-limited the gateway and no other target could serve. */
  UPSTREAM_RATE_LIMITED(429, "rate_limit_error"),
  /** A provider failed (5xx, overloaded, connection failure, bad response). */
  UPSTREAM_ERROR(502, "upstream_error"),
  /** A stream failed after its commit point. */
  STREAM_FAILED(502, "stream_error"),
  /** No target could serve the request (none eligible, all circuits open, all failed). */
  NO_ROUTE(503, "no_route"),
  /** The request's deadline passed. */
  TIMEOUT(504, "timeout"),
  /** The caller cancelled the request. */
  CANCELLED(499, "cancelled"),
  /** The gateway is at its cap of requests in flight and refused this one at once (load shedding). */
  OVERLOADED(503, "overloaded_error"),
  /** The gateway is shutting down. */
  UNAVAILABLE(503, "unavailable"),
  /** The configuration is invalid. */
  CONFIG(500, "config_error"),
  /** A bug or a failing plugin. */
  INTERNAL(500, "internal_error");

  private final int httpStatus;
  private final String errorType;

  ErrorKind(int httpStatus, String errorType) {
    this.httpStatus = httpStatus;
    this.errorType = errorType;
  }

  /** The HTTP status an HTTP caller receives. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The OpenAI-style {@code error.type}. */
  public String errorType() {
    return errorType;
  }
}
