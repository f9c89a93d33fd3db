package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Message;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.resilience.Sleeper;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Streams cancelled by the caller at points drawn from a seeded random source — before the first
 * chunk, mid-stream, during a retry wait, during a hedge — end cleanly: the stream's
 * {@code finished()} completes with a cancellation, the upstream work is cancelled, no further
 * attempt is made, and nothing stays in flight.
 *
 * <p>The seed is printed; {@code -Daegis.faults.seed=N} replays a run.
 */
class CancellationTest {
  private static final long SEED = Long.getLong("aegis.faults.seed", System.nanoTime());
  private static final int RUNS = 24;

  enum Point { BEFORE_FIRST_CHUNK, MID_STREAM, RETRY_WAIT, HEDGE }

  /** A retry wait that lasts until the call is cancelled, and says when it has begun. */
  private static final class WaitingSleeper implements Sleeper {
    volatile CountDownLatch waiting = new CountDownLatch(1);

    @Override
    public void sleep(Duration duration, BooleanSupplier cancelled) {
      waiting.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!cancelled.getAsBoolean() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    }
  }

  private static List<String> expectedAttempts(Point point) {
    switch (point) {
      case BEFORE_FIRST_CHUNK: return List.of();
      case MID_STREAM: return List.of("a CANCELLED 0");
      case RETRY_WAIT: return List.of("a FAILURE 503");
      default: return List.of("a CANCELLED 0", "b CANCELLED 0");
    }
  }

  private static final int WORDS = 40;
  private static final String PROMPT = String.join(" ", java.util.Collections.nCopies(WORDS, "word"));

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("r").addMessage(Message.user(text)).build();
  }

  @Test
  void streamsCancelledAtSeededPointsEndCleanly() throws Exception {
    System.out.println("CancellationTest seed " + SEED + " (replay with -Daegis.faults.seed=" + SEED + ")");
    Random random = new Random(SEED);
    for (int run = 0; run < RUNS; run++) {
      // every point once in order, then points drawn from the seeded source
      Point point = run < Point.values().length ? Point.values()[run] : Point.values()[random.nextInt(Point.values().length)];
      int midStreamAfter = 1 + random.nextInt(3);
      cancelAt(point, midStreamAfter, "run " + run + " (" + point + ", seed " + SEED + ")");
    }
  }

  private void cancelAt(Point point, int midStreamAfter, String what) throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    WaitingSleeper sleeper = new WaitingSleeper();
    MockProvider a;
    MockProvider b = MockProvider.builder("b").echo().chunks(4).gate(never).build();
    Strategy strategy;
    switch (point) {
      case RETRY_WAIT:
        a = MockProvider.builder("a").echo().failures(FailurePlan.sequence(503, 503, 503)).build();
        strategy = Strategy.single(Target.builder("a").provider("a").circuitBreaker(CircuitBreakerPolicy.DISABLED)
            .retry(RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofSeconds(5)).build()).build());
        break;
      case HEDGE:
        a = MockProvider.builder("a").echo().chunks(4).gate(never).build();
        strategy = Strategy.hedged(Duration.ofMillis(1), Strategy.single(Target.of("a")), Strategy.single(Target.of("b")));
        break;
      default:
        // more chunks than the iterator ever requests ahead (16), so a cancel after the first few
        // always finds the stream unfinished, however far the prefetch has run
        a = MockProvider.builder("a").echo().chunks(WORDS).build();
        strategy = Strategy.single(Target.of("a"));
    }
    Gateway gateway = Gateway.builder().sleeper(sleeper).provider(a).provider(b).route("r", strategy).build();
    try {
      ChatStream stream = gateway.routeStream(ask(PROMPT));
      switch (point) {
        case BEFORE_FIRST_CHUNK:
          stream.close();
          break;
        case MID_STREAM: {
          Iterator<ChatChunk> it = stream.iterator();
          for (int i = 0; i < midStreamAfter; i++) {
            assertThat(it.hasNext()).as(what).isTrue();
            it.next();
          }
          stream.close();
          break;
        }
        case RETRY_WAIT:
          stream.iterator(); // subscribes, so the call starts
          assertThat(sleeper.waiting.await(20, TimeUnit.SECONDS)).as(what + ": the retry wait began").isTrue();
          stream.close();
          break;
        default:
          stream.iterator();
          Await.until(what + ": both hedge members called", () -> a.calls() == 1 && b.calls() == 1);
          stream.close();
      }
      Await.until(what + ": the stream finished", () -> stream.finished().isDone());
      // finished() never fails: it carries the attempts made up to the cancel
      List<String> attempts = stream.finished().get().attempts().stream()
          .map(x -> x.target() + " " + x.outcome() + " " + x.status()).sorted().toList(); // hedge members end in either order
      assertThat(attempts).as(what).isEqualTo(expectedAttempts(point));
      Await.until(what + ": nothing in flight", () -> gateway.stats().inFlight() == 0);
      if (point == Point.RETRY_WAIT) {
        assertThat(a.calls()).as(what + ": no attempt after the cancelled wait").isEqualTo(1);
      }
      if (point == Point.HEDGE) {
        Await.until(what + ": both hedge members cancelled", () -> a.cancellations() == 1 && b.cancellations() == 1);
      }
    } finally {
      gateway.close();
    }
  }
}
