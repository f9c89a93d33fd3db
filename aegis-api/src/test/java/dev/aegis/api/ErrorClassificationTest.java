package dev.aegis.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.error.ContentFilterException;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.ProviderAuthenticationException;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.error.ProviderRateLimitException;
import dev.aegis.api.error.ProviderServerException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one table that classifies upstream failures, and the one that maps kinds to HTTP statuses. */
class ErrorClassificationTest {

  static Stream<Arguments> table() {
    return Stream.of(
        // status, type, code, expected class, retryable, HTTP status an HTTP caller sees
        Arguments.of(0, null, "timeout", ProviderServerException.class, true, 502),
        Arguments.of(400, "invalid_request_error", "context_length_exceeded", ProviderInvalidRequestException.class, false, 400),
        Arguments.of(400, "invalid_request_error", "content_filter", ContentFilterException.class, false, 400),
        Arguments.of(401, "authentication_error", null, ProviderAuthenticationException.class, false, 502),
        Arguments.of(403, "permission_error", null, ProviderAuthenticationException.class, false, 502),
        Arguments.of(404, "invalid_request_error", "model_not_found", ProviderInvalidRequestException.class, false, 400),
        Arguments.of(408, null, null, ProviderServerException.class, true, 502),
        Arguments.of(409, null, null, ProviderServerException.class, true, 502),
        Arguments.of(422, null, null, ProviderInvalidRequestException.class, false, 400),
        Arguments.of(429, "rate_limit_error", null, ProviderRateLimitException.class, true, 429),
        Arguments.of(429, "insufficient_quota", "insufficient_quota", ProviderRateLimitException.class, false, 429),
        Arguments.of(500, "server_error", null, ProviderServerException.class, true, 502),
        Arguments.of(502, null, null, ProviderServerException.class, true, 502),
        Arguments.of(503, null, null, ProviderServerException.class, true, 502),
        Arguments.of(504, null, null, ProviderServerException.class, true, 502),
        Arguments.of(529, "overloaded_error", null, ProviderServerException.class, true, 502),
        Arguments.of(200, "overloaded_error", null, ProviderServerException.class, true, 502));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("table")
  void classifies(int status, String type, String code, Class<?> expected, boolean retryable, int httpStatus) {
    ProviderException e = ProviderException.of(new ProviderError("p", status, type, code, null, "boom",
        Duration.ofSeconds(2), "req-1"));
    assertThat(e).isExactlyInstanceOf(expected);
    assertThat(e.retryable()).isEqualTo(retryable);
    assertThat(e.kind().httpStatus()).isEqualTo(httpStatus);
    assertThat(e.provider()).isEqualTo("p");
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(e.getMessage()).contains("provider 'p'").contains("boom").contains("req-1");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyKindHasAStatusAndAType(ErrorKind kind) {
    assertThat(kind.httpStatus()).isBetween(400, 599);
    assertThat(kind.errorType()).isNotBlank();
  }

  static Stream<ErrorKind> kinds() {
    return Stream.of(ErrorKind.values());
  }
}
