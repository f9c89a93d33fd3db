package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetStatus;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.ConfigReloaded;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.config.GatewayConfig;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The concurrency stress: three threads for {@code aegis.soak.seconds} (60 by default, as CI runs
 * it; {@code -Daegis.soak.seconds=5} for a quick local loop, as {@link SoakTest} reads it) drive
 * all the moving parts at once — a fallback route whose first target fails 30 % of calls and
 * retries, a circuit breaker that opens and closes, a concurrency limit, a tenant budget, the
 * response cache with coalescing over a small set of repeated prompts, and a hook. Every request
 * must end in an answer or a typed error, and at the end: nothing in flight, nothing reserved in
 * the budget, spend equal to the sum of the costs the gateway reported, no coalesced waiter left.
 *
 * <p>{@link #hotReloadHook} reloads the configuration once a second during the run.
 */
class StressTest {
  private static final Duration RUN = Duration.ofSeconds(Long.getLong("aegis.soak.seconds", 60));
  private static final RequestOptions ACME = RequestOptions.builder().principal(Principal.of("alice", "acme")).build();
  private static final PriceTable PRICES = PriceTable.of(Map.of(
      "flaky/demo", PriceTable.Price.of("1", "2"), "steady/demo", PriceTable.Price.of("1", "2")));

  private static final GatewayConfig FILE_A = GatewayConfig.parse(
      "providers:\n  filemock: {type: mock, reply: a}\nroutes:\n  extra: {type: single, provider: filemock}\n",
      "stress-a.yaml");
  private static final GatewayConfig FILE_B = GatewayConfig.parse(
      "providers:\n  filemock: {type: mock, reply: b}\nroutes:\n  extra: {type: single, provider: filemock}\n",
      "stress-b.yaml");

  /**
   * Hot reload joins the run: once a second the configuration swaps between two files whose
   * provider differs (a changed target), while the workers route through the code-set route,
   * its breaker and its budget.
   */
  static void hotReloadHook(Gateway gateway, long second) {
    gateway.reload(second % 2 == 0 ? FILE_A : FILE_B);
  }

  @Test
  void everyRequestIsAccountedForAndTheInvariantsHold() throws Exception {
    MockProvider flaky = MockProvider.builder("flaky").model("demo").echo().chunks(3)
        .failures(FailurePlan.probability(0.3, 503, 11L)).build();
    MockProvider steady = MockProvider.builder("steady").model("demo").echo().chunks(3).build();
    ResponseCache cache = ResponseCache.builder().store(InMemoryCacheStore.builder().build()).coalescing(true).build();
    AtomicLong hookEvents = new AtomicLong();
    AtomicLong reloadEvents = new AtomicLong();
    Gateway gateway = Gateway.builder().provider(flaky).provider(steady).plugin(cache)
        .hook(e -> {
          hookEvents.incrementAndGet();
          if (e instanceof ConfigReloaded) reloadEvents.incrementAndGet();
        })
        .prices(PRICES)
        .limit(RateLimit.concurrent(RateLimit.Scope.TENANT, 64))
        .budget(Budget.of("acme", Budget.Scope.TENANT, "1000000000", Budget.Period.DAILY))
        .route("r", Strategy.fallback(
            Target.builder("flaky").provider("flaky").retry(RetryPolicy.builder().maxAttempts(2)
                    .initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(2)).build())
                .circuitBreaker(CircuitBreakerPolicy.builder().consecutiveFailures(3)
                    .openDuration(Duration.ofMillis(20)).halfOpenProbes(1).build()).build(),
            Target.of("steady")))
        .build();
    AtomicLong answered = new AtomicLong();
    AtomicLong typedErrors = new AtomicLong();
    AtomicLong wrong = new AtomicLong();
    AtomicReference<Throwable> untyped = new AtomicReference<>();
    AtomicReference<BigDecimal> costs = new AtomicReference<>(BigDecimal.ZERO);
    AtomicLong reloads = new AtomicLong();
    long end = System.nanoTime() + RUN.toNanos();
    int workers = 3;
    ExecutorService pool = Executors.newFixedThreadPool(workers + 1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < workers; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        long i = 0;
        while (System.nanoTime() < end) {
          Door door = Door.values()[(int) (i % 3)];
          // half: 40 prompts at temperature 0, which the cache hits and coalesces across threads;
          // half: unique prompts the default policy does not cache, so they reach the providers
          boolean cached = i % 2 == 0;
          String text = cached ? "p" + ((i * 7 + thread) % 40) : "u" + thread + "-" + i;
          i++;
          try {
            ChatResponse r = door.call(gateway, ChatRequest.builder().model("r").temperature(cached ? 0.0 : null)
                .addMessage(Message.user(text)).build(), ACME);
            if (!r.text().equals(text)) wrong.incrementAndGet();
            BigDecimal cost = r.metadata().cost();
            if (cost != null) costs.accumulateAndGet(cost, BigDecimal::add);
            answered.incrementAndGet();
          } catch (GatewayException e) {
            typedErrors.incrementAndGet();
          } catch (Throwable e) {
            untyped.compareAndSet(null, e);
          }
        }
      }));
    }
    futures.add(pool.submit(() -> {
      for (long s = 0; System.nanoTime() < end; s++) {
        hotReloadHook(gateway, s);
        reloads.incrementAndGet();
        try {
          Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        } catch (InterruptedException e) {
          return;
        }
      }
    }));
    for (Future<?> f : futures) {
      f.get(RUN.toSeconds() + 60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    System.out.printf("stress %ds: answered=%d typedErrors=%d wrong=%d flakyCalls=%d steadyCalls=%d hookEvents=%d%n",
        RUN.toSeconds(), answered.get(), typedErrors.get(), wrong.get(), flaky.calls(), steady.calls(), hookEvents.get());
    assertThat(untyped.get()).as("no request ended in an untyped failure").isNull();
    assertThat(wrong.get()).isZero();
    assertThat(typedErrors.get()).as("every flaky failure fell back to the steady target").isZero();
    assertThat(answered.get()).isGreaterThan(100);
    assertThat(gateway.stats().inFlight()).isZero();
    assertThat(cache.coalescedWaiters()).isZero();
    List<BudgetStatus> budgets = gateway.usage().budgets("acme", null);
    assertThat(budgets).hasSize(1);
    assertThat(budgets.get(0).reserved()).as("every reservation settled").isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(budgets.get(0).spent()).as("spend is the sum of the reported costs").isEqualByComparingTo(costs.get());
    gateway.close();
    assertThat(reloads.get()).isGreaterThanOrEqualTo(RUN.toSeconds() / 2);
    assertThat(reloadEvents.get()).as("one ConfigReloaded event per reload").isEqualTo(reloads.get());
  }
}
