package dev.aegis.api.limit;

import dev.aegis.api.internal.Checks;
import java.util.List;

/**
 * Every limit one request must pass, checked all or nothing by {@link LimiterStore#acquire}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param partition the tenant (or {@code "-"} without one): every counter of one request lives in
 *     it, so a distributed store can keep them in one hash slot and check them in one script
 * @param checks the limits, in the order they are reported
 */
public record LimitRequest(String partition, List<LimitCheck> checks) {
  public LimitRequest {
    Checks.notBlank(partition, "partition");
    checks = Checks.copyOf(checks, "checks");
  }
}
