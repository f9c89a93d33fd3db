package dev.aegis.core.cache.internal;

import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.RequestDecision;
import org.jspecify.annotations.Nullable;

/**
 * Request coalescing for the cache: a cacheable miss either leads a {@link Flight} (and calls
 * upstream) or waits for the leader's answer, error, hand-off or, for a stream, its first chunk;
 * the leader's outcome ends the flight.
 *
 * <p>Thread-safe.
 */
public final class Coalescer {
  private final Flight.Flights flights = new Flight.Flights();
  private final CacheAnswers answers;

  public Coalescer(CacheAnswers answers) {
    this.answers = answers;
  }

  /** The flights in progress. */
  public int flights() {
    return flights.size();
  }

  /** The requests waiting for an identical one in flight. */
  public int waiters() {
    return flights.waiters();
  }

  /** Leads the flight for {@code key} (proceed upstream) or follows it. */
  public RequestDecision join(Exchange ex, CacheState state, CacheKey key) {
    boolean[] leader = new boolean[1];
    Flight flight = flights.join(key, leader);
    if (leader[0]) {
      state.lead(flight);
      return RequestDecision.proceed();
    }
    ex.onCancel(flight::wakeUp);
    switch (flight.await(ex::isCancelled, ex.isStreaming())) {
      case ANSWERED: {
        CacheCodec.Entry entry = flight.answer();
        return answers.answer(ex, state, entry, dev.aegis.api.cache.CacheResult.hit(answers.age(entry)));
      }
      case STREAMING:
        return answers.live(ex, state, flight.reader(ex::isCancelled));
      case FAILED: {
        GatewayException e = flight.error();
        return RequestDecision.reject(new GatewayException(e.kind(), e.getMessage(), e.retryable(), e));
      }
      case LEADER:
        state.lead(flight);
        return RequestDecision.proceed();
      default:
        return RequestDecision.reject(new GatewayException(ErrorKind.CANCELLED,
            "the request was cancelled while waiting for an identical one in flight"));
    }
  }

  /** The leader's request ended: its answer ({@code null} when there is none) or its outcome ends the flight. */
  public static void ended(CacheState state, CacheCodec.@Nullable Entry entry, Outcome outcome) {
    Flight flight = state.flight();
    if (flight == null) {
      return;
    }
    if (entry != null) {
      flight.complete(entry);
    } else if (outcome.status() == Outcome.Status.CANCELLED) {
      flight.handOff();
    } else {
      GatewayException error = outcome.error();
      flight.fail(error != null ? error
          : new GatewayException(ErrorKind.INTERNAL, "the coalesced request ended without an answer"));
    }
  }
}
