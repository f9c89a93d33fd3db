package dev.aegis.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A target's Failsafe retry policy is built with the gateway, once, and shared by its calls. */
class TargetRetryTest {

  @Test
  void theRetryIsBuiltOncePerTargetAndOnlyWhereItRetries() {
    AtomicLong nanos = new AtomicLong();
    MockProvider a = MockProvider.builder("a").reply("from a").failures(FailurePlan.sequence(503, 503, 503)).build();
    RetryPolicy retry = RetryPolicy.builder().maxAttempts(2).initialDelay(Duration.ofMillis(10)).build();
    Engine engine = GatewayAssembler.assemble(new GatewaySpec(List.of(a), List.of(false),
        Map.of("retrying", Strategy.single(Target.builder("a").provider("a").model("m").retry(retry).build()),
            "once", Strategy.single(Target.builder("once").provider("a").model("m").build())),
        null, List.of(), List.of(), List.of(), 1, nanos::get, Clock.systemUTC(), null, null, Duration.ofMinutes(1),
        Duration.ofSeconds(5), 16, (d, cancelled) -> nanos.addAndGet(d.toNanos()), PriceTable.NONE,
        Duration.ofMinutes(5), CallListener.NOOP, ObservabilitySpec.NONE));
    try {
      TargetRuntime retrying = ((RouteNode.Single) engine.snapshot().routes.get("retrying")).target;
      TargetRuntime once = ((RouteNode.Single) engine.snapshot().routes.get("once")).target;
      TargetRetry built = retrying.retry;
      assertThat(built).isNotNull();
      assertThat(once.retry).isNull(); // one attempt: no retry machinery at all
      ChatRequest ask = ChatRequest.builder().model("retrying").addMessage(Message.user("hi")).build();
      // 503, 503: both attempts of the first call fail; the second call fails once, then succeeds
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> engine.route(ask, RequestOptions.none())))
          .hasMessageContaining("503");
      assertThat(engine.route(ask, RequestOptions.none()).metadata().attempts()).hasSize(2);
      assertThat(a.calls()).isEqualTo(4);
      assertThat(((RouteNode.Single) engine.snapshot().routes.get("retrying")).target.retry).isSameAs(built);
    } finally {
      engine.close();
    }
  }
}
