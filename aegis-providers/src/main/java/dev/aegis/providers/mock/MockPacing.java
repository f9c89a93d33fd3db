package dev.aegis.providers.mock;

import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.provider.ProviderCall;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The mock's waiting: pauses and gates that end early when the call is cancelled and give up at
 * its deadline, as a real adapter's socket would.
 *
 * <p>Immutable; thread-safe.
 */
final class MockPacing {
  private final String name;

  /** {@code name}: the provider named in cancellation and timeout errors. */
  MockPacing(String name) {
    this.name = name;
  }

  /** Waits until {@code latch} opens, checking the call every 5 ms. */
  void awaitGate(CountDownLatch latch, ProviderCall call) {
    try {
      while (!latch.await(5, TimeUnit.MILLISECONDS)) {
        checkCall(call);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
    checkCall(call);
  }

  /** Waits {@code d}, or less when the call is cancelled or its deadline comes first. */
  void pause(Duration d, ProviderCall call) {
    if (d.isZero()) {
      checkCall(call);
      return;
    }
    CountDownLatch cancelled = new CountDownLatch(1);
    call.onCancel(cancelled::countDown);
    long wait = Math.min(d.toNanos(), Math.max(0, call.remaining().toNanos()));
    try {
      cancelled.await(wait, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
    checkCall(call);
  }

  private void checkCall(ProviderCall call) {
    if (call.isCancelled()) {
      throw new CancellationException("the call to mock provider '" + name + "' was cancelled");
    }
    if (call.remaining().isNegative() || call.remaining().isZero()) {
      throw ProviderException.of(new ProviderError(name, 0, null, "timeout", null,
          "mock timed out: the call's deadline passed", null, null));
    }
  }
}
