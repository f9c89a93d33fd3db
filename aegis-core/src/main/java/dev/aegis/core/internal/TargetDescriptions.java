package dev.aegis.core.internal;

import dev.aegis.core.routing.Target;
import java.util.TreeSet;

/**
 * One text per target configuration, holding every setting (header values and credentials left
 * out): what a reload compares to keep a target's state, and what a gateway's description prints.
 */
public final class TargetDescriptions {
  private TargetDescriptions() {}

  public static String describe(Target t) {
    return t.name() + " -> " + t.provider() + "/" + (t.model() == null ? "*" : t.model()) + " weight=" + t.weight()
        + " tags=" + new TreeSet<>(t.tags()) + " params=" + new java.util.TreeMap<>(t.params())
        + " headers=" + new TreeSet<>(t.headers().keySet()) + " " + t.retry() + " " + t.circuitBreaker()
        + " attemptTimeout=" + t.attemptTimeout() + " firstChunkTimeout=" + t.firstChunkTimeout()
        + " idleTimeout=" + t.idleTimeout() + " maxConcurrency=" + t.maxConcurrency();
  }

  /** Whether two targets are configured alike, header values included. */
  public static boolean same(Target a, Target b) {
    return a.equals(b) && describe(a).equals(describe(b));
  }
}
