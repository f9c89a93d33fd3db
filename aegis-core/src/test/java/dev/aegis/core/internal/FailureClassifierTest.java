package dev.aegis.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.GatewayTimeoutException;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.api.error.PluginException;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import dev.aegis.core.routing.FallbackTrigger;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The failure table, row by row: typed codes decide, message text never does. */
class FailureClassifierTest {

  private static ProviderException provider(int status, @Nullable String type, @Nullable String code, String message,
      @Nullable Duration retryAfter, ProviderErrorCode reason) {
    return ProviderException.of(new ProviderError("p", status, type, code, null, message, retryAfter, null, reason));
  }

  private static ProviderException provider(int status, String message, ProviderErrorCode reason) {
    return provider(status, null, null, message, null, reason);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // failure, retryable, falls back with no trigger, the trigger it needs
        Arguments.of("503", provider(503, "busy", ProviderErrorCode.UNSPECIFIED), true, true, null),
        Arguments.of("no response", provider(0, "connection reset", ProviderErrorCode.UNSPECIFIED), true, true, null),
        Arguments.of("200 not JSON", provider(200, "not JSON: text/html", ProviderErrorCode.INVALID_RESPONSE),
            true, true, null),
        Arguments.of("429 rate", provider(429, null, null, "slow down", Duration.ofSeconds(1),
            ProviderErrorCode.UNSPECIFIED), true, true, null),
        Arguments.of("429 quota", provider(429, "insufficient_quota", "insufficient_quota", "no credit", null,
            ProviderErrorCode.QUOTA_EXHAUSTED), false, true, null),
        Arguments.of("400 context length", provider(400, "input too large", ProviderErrorCode.CONTEXT_LENGTH_EXCEEDED),
            false, false, FallbackTrigger.CONTEXT_LENGTH_EXCEEDED),
        // the text says "too long" but the code does not: core does not read the text
        Arguments.of("400 'too long' text only", provider(400, "the prompt is too long, context length exceeded",
            ProviderErrorCode.UNSPECIFIED), false, false, FallbackTrigger.INVALID_REQUEST),
        Arguments.of("400 content filtered", provider(400, "refused", ProviderErrorCode.CONTENT_FILTERED),
            false, false, FallbackTrigger.CONTENT_FILTER),
        Arguments.of("401", provider(401, "bad key", ProviderErrorCode.UNSPECIFIED), false, false,
            FallbackTrigger.UPSTREAM_AUTHENTICATION),
        Arguments.of("404", provider(404, "no such model", ProviderErrorCode.UNSPECIFIED), false, false,
            FallbackTrigger.INVALID_REQUEST),
        Arguments.of("no route", new NoRouteException("r", List.of()), false, true, null),
        Arguments.of("request deadline", new GatewayTimeoutException("the request's deadline of 10 ms passed", null),
            false, false, null),
        Arguments.of("plugin", new PluginException("guard", "onResponse", new IllegalStateException("x")), false,
            false, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void eachFailureHasOneRow(String name, GatewayException e, boolean retryable, boolean fallsBack,
      @Nullable FallbackTrigger trigger) {
    assertThat(FailureClassifier.retryable(e)).as("retryable").isEqualTo(retryable);
    assertThat(FailureClassifier.mayFallBack(e, Set.of())).as("falls back without triggers").isEqualTo(fallsBack);
    assertThat(FailureClassifier.trigger(e)).as("trigger").isEqualTo(trigger);
    if (trigger != null) {
      assertThat(FailureClassifier.mayFallBack(e, EnumSet.of(trigger))).as("falls back with its trigger").isTrue();
      EnumSet<FallbackTrigger> others = EnumSet.complementOf(EnumSet.of(trigger, FallbackTrigger.INVALID_REQUEST));
      assertThat(FailureClassifier.mayFallBack(e, others)).as("falls back with other triggers").isFalse();
    } else if (!fallsBack) {
      assertThat(FailureClassifier.mayFallBack(e, EnumSet.allOf(FallbackTrigger.class))).as("never").isFalse();
    }
  }

  @Test
  void invalidRequestCoversContextLengthToo() {
    ProviderException context = provider(400, "input too large", ProviderErrorCode.CONTEXT_LENGTH_EXCEEDED);
    assertThat(FailureClassifier.mayFallBack(context, EnumSet.of(FallbackTrigger.INVALID_REQUEST))).isTrue();
    ProviderException filtered = provider(400, "refused", ProviderErrorCode.CONTENT_FILTERED);
    assertThat(FailureClassifier.mayFallBack(filtered, EnumSet.of(FallbackTrigger.INVALID_REQUEST))).isFalse();
  }
}
