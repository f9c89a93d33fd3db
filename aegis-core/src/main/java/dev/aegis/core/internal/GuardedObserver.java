package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.TargetInfo;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a listener's observer so that one that throws never fails a call: each failure is
 * counted on the engine and the call goes on. Only made for a real observer; the no-op one is
 * used bare, so a gateway without listeners allocates nothing for observation.
 */
final class GuardedObserver implements CallObserver {
  private final CallObserver delegate;
  private final AtomicLong failures;

  private GuardedObserver(CallObserver delegate, AtomicLong failures) {
    this.delegate = delegate;
    this.failures = failures;
  }

  /** Starts observing one call; {@link CallObserver#NOOP} when nothing listens or the listener failed. */
  static CallObserver start(CallListener listener, Exchange.Door door, Exchange exchange,
      AtomicLong failures) {
    if (listener == CallListener.NOOP) {
      return CallObserver.NOOP;
    }
    CallObserver o;
    try {
      o = listener.start(door, exchange);
    } catch (RuntimeException t) {
      failures.incrementAndGet();
      return CallObserver.NOOP;
    }
    return o == null || o == CallObserver.NOOP ? CallObserver.NOOP : new GuardedObserver(o, failures);
  }

  private void failed() {
    failures.incrementAndGet();
  }

  @Override
  public void attemptStart(TargetInfo target, int attempt, OutboundHeaders headers) {
    try {
      delegate.attemptStart(target, attempt, headers);
    } catch (RuntimeException t) {
      failed();
    }
  }

  @Override
  public void attemptEnd(TargetInfo target, int attempt, Duration latency, @Nullable Usage usage,
      @Nullable String responseModel, @Nullable GatewayException error) {
    try {
      delegate.attemptEnd(target, attempt, latency, usage, responseModel, error);
    } catch (RuntimeException t) {
      failed();
    }
  }

  @Override
  public void retryScheduled(TargetInfo target, int nextAttempt, Duration wait, GatewayException error) {
    try {
      delegate.retryScheduled(target, nextAttempt, wait, error);
    } catch (RuntimeException t) {
      failed();
    }
  }

  @Override
  public void fallbackTaken(String fromTarget, GatewayException error) {
    try {
      delegate.fallbackTaken(fromTarget, error);
    } catch (RuntimeException t) {
      failed();
    }
  }

  @Override
  public void hedgeFired(int member, String firstTarget) {
    try {
      delegate.hedgeFired(member, firstTarget);
    } catch (RuntimeException t) {
      failed();
    }
  }

  @Override
  public void hedgeWon(int member, String firstTarget) {
    try {
      delegate.hedgeWon(member, firstTarget);
    } catch (RuntimeException t) {
      failed();
    }
  }

  @Override
  public void firstChunk(ChatChunk chunk) {
    try {
      delegate.firstChunk(chunk);
    } catch (RuntimeException t) {
      failed();
    }
  }

  @Override
  public void chunk(ChatChunk chunk) {
    try {
      delegate.chunk(chunk);
    } catch (RuntimeException t) {
      failed();
    }
  }

  @Override
  public void end(Outcome outcome, ResponseMetadata metadata) {
    try {
      delegate.end(outcome, metadata);
    } catch (RuntimeException t) {
      failed();
    }
  }
}
