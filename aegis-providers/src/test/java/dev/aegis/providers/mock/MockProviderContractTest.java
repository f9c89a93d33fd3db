package dev.aegis.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.provider.Provider;
import dev.aegis.providers.contract.ProviderContractTest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The mock provider passes the provider contract kit. */
class MockProviderContractTest extends ProviderContractTest {
  private final CountDownLatch called = new CountDownLatch(1);
  private MockProvider hanging;

  @Override
  protected Provider providerFor(Scenario scenario) {
    MockProvider.Builder b = MockProvider.builder("mock").chunks(4);
    switch (scenario) {
      case TOOL_CALL:
      case STREAM_TOOL_CALL:
        b.toolCall("get_weather", "{\"city\":\"Paris\"}");
        break;
      case HANG:
        hanging = b.gate(new CountDownLatch(1)).onCall(r -> called.countDown()).build();
        return hanging;
      default:
        break;
    }
    return b.build();
  }

  @Override
  protected Provider providerFailingWith(int status) {
    FailurePlan plan = FailurePlan.sequence(status);
    return MockProvider.builder("mock").failures(status == 429 ? plan.withRetryAfter(Duration.ofSeconds(2)) : plan)
        .build();
  }

  @Override
  protected void awaitUpstreamCalled() throws InterruptedException {
    assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Override
  protected void assertUpstreamClosed() {
    assertThat(hanging.cancellations() + hanging.completed()).isPositive();
    assertThat(hanging.completed()).isZero();
  }
}
