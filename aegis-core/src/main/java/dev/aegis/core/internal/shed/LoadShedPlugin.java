package dev.aegis.core.internal.shed;

import dev.aegis.api.error.OverloadedException;
import dev.aegis.api.plugin.AttributeKey;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway-wide cap on requests in flight, first of all plugins: over the cap a request is
 * refused at once with {@link OverloadedException} (503 with {@code Retry-After} at an HTTP
 * endpoint), never queued. The slot is released when the request ends, whatever its outcome.
 */
public final class LoadShedPlugin implements Plugin {
  private static final AttributeKey<Boolean> ADMITTED = AttributeKey.create("aegis.shed", Boolean.class);

  private final int max;
  private final Duration retryAfter;
  private final AtomicInteger inFlight = new AtomicInteger();

  public LoadShedPlugin(int max, Duration retryAfter) {
    this.max = max;
    this.retryAfter = retryAfter;
  }

  @Override
  public String name() {
    return "load-shedding";
  }

  @Override
  public RequestDecision onRequest(Exchange exchange) {
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      throw new OverloadedException(max, retryAfter);
    }
    exchange.attributes().put(ADMITTED, Boolean.TRUE);
    return RequestDecision.proceed();
  }

  @Override
  public void onComplete(Exchange exchange, Outcome outcome) {
    if (exchange.attributes().remove(ADMITTED) != null) {
      inFlight.decrementAndGet();
    }
  }

  /** Requests admitted and not yet ended. */
  public int inFlight() {
    return inFlight.get();
  }
}
