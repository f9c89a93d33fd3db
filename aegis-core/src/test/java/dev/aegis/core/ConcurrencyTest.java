package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** 1000 calls from 8 threads started together, at least 8 in flight at once, each matched to its own answer. */
class ConcurrencyTest {

  @ParameterizedTest
  @EnumSource(Door.class)
  void thousandCallsFromEightThreads(Door door) throws Exception {
    int threads = 8;
    int perThread = 125;
    // the gate opens only once all 8 threads are inside the provider at the same time
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger inProvider = new AtomicInteger();
    AtomicInteger maxInProvider = new AtomicInteger();
    MockProvider mock = MockProvider.builder("mock").echo().chunks(3).gate(gate).onCall(r -> {
      int now = inProvider.incrementAndGet();
      maxInProvider.accumulateAndGet(now, Math::max);
      if (now >= threads) {
        gate.countDown();
      }
    }).build();
    try (Gateway gateway = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock"))).build()) {
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          int matched = 0;
          for (int i = 0; i < perThread; i++) {
            String text = "thread " + thread + " call " + i;
            ChatResponse r = door.call(gateway,
                ChatRequest.builder().model("demo").addMessage(Message.user(text)).build());
            inProvider.decrementAndGet();
            if (r.text().equals(text)) {
              matched++;
            }
          }
          return matched;
        }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(total).isEqualTo(threads * perThread);
      assertThat(maxInProvider.get()).isGreaterThanOrEqualTo(threads);
      assertThat(mock.completed()).isEqualTo(threads * perThread);
      assertThat(gateway.stats().inFlight()).isZero();
    }
  }
}
