package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.GatewayException;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A 60-second soak: two threads hammer a fallback route whose first target fails 30% of calls at
 * random, rotating through all three doors. Every call must end in a response or a typed error
 * (none lost), and after close() the live threads return to the baseline.
 */
class SoakTest {
  private static final Duration SOAK = Duration.ofSeconds(Long.getLong("aegis.soak.seconds", 60));

  @Test
  void noRequestIsLostAndNoThreadLeaks() throws Exception {
    int baseline = Thread.activeCount();
    MockProvider flaky = MockProvider.builder("flaky").echo().chunks(3)
        .failures(FailurePlan.probability(0.3, 503, 7L)).build();
    MockProvider steady = MockProvider.builder("steady").echo().chunks(3).build();
    Gateway gateway = Gateway.builder().provider(flaky).provider(steady)
        // the breaker stays out of the way so the 30% keeps reaching the fallback path
        .route("r", Strategy.fallback(
            Target.builder("flaky").provider("flaky").circuitBreaker(CircuitBreakerPolicy.DISABLED).build(),
            Target.of("steady")))
        .build();
    AtomicLong ok = new AtomicLong();
    AtomicLong typedErrors = new AtomicLong();
    AtomicLong lost = new AtomicLong();
    AtomicLong wrongAnswers = new AtomicLong();
    long end = System.nanoTime() + SOAK.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int thread = t;
      workers.add(pool.submit(() -> {
        long i = 0;
        while (System.nanoTime() < end) {
          Door door = Door.values()[(int) (i % 3)];
          String text = "t" + thread + "-" + i++;
          try {
            ChatResponse r = door.call(gateway, ChatRequest.builder().model("r").addMessage(Message.user(text)).build());
            if (r.text().equals(text)) {
              ok.incrementAndGet();
            } else {
              wrongAnswers.incrementAndGet();
            }
          } catch (GatewayException e) {
            typedErrors.incrementAndGet();
          } catch (Throwable e) {
            lost.incrementAndGet();
          }
        }
      }));
    }
    for (Future<?> w : workers) {
      w.get(SOAK.toSeconds() + 60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    gateway.close();
    System.out.printf("soak %ds: ok=%d typedErrors=%d lost=%d wrong=%d flakyCalls=%d steadyCalls=%d%n",
        SOAK.toSeconds(), ok.get(), typedErrors.get(), lost.get(), wrongAnswers.get(), flaky.calls(), steady.calls());
    assertThat(lost.get()).isZero();
    assertThat(wrongAnswers.get()).isZero();
    assertThat(typedErrors.get()).as("every flaky failure fell back to the steady target").isZero();
    assertThat(ok.get()).isGreaterThan(1000);
    assertThat(steady.calls()).isPositive();
    assertThat(gateway.stats().inFlight()).isZero();
    Await.until("live threads return to the baseline of " + baseline, () -> Thread.activeCount() <= baseline);
  }
}
