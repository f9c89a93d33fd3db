package dev.aegis.api.limit;

/**
 * The state of the rate limiters (in memory by default; on Redis for many instances). Each method
 * is one atomic operation over all the counters of one partition, so a distributed store runs it
 * as one script in one hash slot and no caller reads, modifies and writes back. Time is the
 * store's own (the gateway's ticker in memory, the server's clock on Redis).
 *
 * <p>Implementations must be thread-safe and keep idle counters only until they are whole again
 * (expiry), so idle scopes cost nothing.
 */
public interface LimiterStore {

  /**
   * Checks every limit of the request and consumes all of them, or none: a refused request leaves
   * every counter as it was.
   */
  LimitDecision acquire(LimitRequest request);

  /**
   * Ends an admitted request: releases its concurrency slots and corrects its token counters by
   * {@code actualTokens} minus the estimate it was admitted with (which may give tokens back).
   * Request counters are unchanged.
   */
  void settle(LimitRequest admitted, long actualTokens);
}
