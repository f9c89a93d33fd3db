package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.resilience.RetryBudget;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retries add at most the budget's share of a target's requests; a refused retry moves on. */
class RetryBudgetTest {
  private final FakeTime time = new FakeTime();
  private final MockProvider failing = MockProvider.builder("failing")
      .failures(FailurePlan.probability(1.0, 503, 7)).build();
  private final MockProvider backup = MockProvider.builder("backup").echo().build();
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void retriesStayWithinTwentyPercentOfTheTargetsRequestsOverTheWindow(Door door) {
    Target flaky = Target.builder("flaky").provider("failing").circuitBreaker(CircuitBreakerPolicy.DISABLED)
        .retry(RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(10)).build()).build();
    gateway = Gateway.builder().provider(failing).provider(backup)
        .route("demo", Strategy.fallback(Strategy.single(flaky), Strategy.single(Target.of("backup"))))
        .ticker(time).sleeper(time)
        .retryBudget(RetryBudget.of(0.2, Duration.ofSeconds(10), 0))
        .build();
    ChatRequest r = ChatRequest.builder().model("demo").addMessage(Message.user("hi")).build();
    for (int i = 0; i < 10; i++) {
      ChatResponse answer = door.call(gateway, r);
      assertThat(answer.metadata().target()).isEqualTo("backup");
    }
    // ten requests reached flaky; the budget allowed one retry at the 5th and one at the 10th
    assertThat(failing.calls()).isEqualTo(12);
    assertThat(backup.calls()).isEqualTo(10);
    // the window slides past: the 11th request finds a fresh window with one request, no retry
    time.advance(Duration.ofSeconds(11));
    door.call(gateway, r);
    assertThat(failing.calls()).isEqualTo(13);
  }
}
