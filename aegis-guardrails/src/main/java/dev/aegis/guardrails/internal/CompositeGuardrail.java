package dev.aegis.guardrails.internal;

import dev.aegis.api.guardrail.Finding;
import dev.aegis.api.guardrail.Guardrail;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Several detectors behind one name; findings come back merged in start order.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompositeGuardrail implements Guardrail, SharedScan {
  /** Orders findings by start, longer first on ties, so overlap resolution can be greedy. */
  public static final Comparator<Finding> BY_START =
      Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::end).reversed());

  private final String name;
  private final List<Guardrail> parts;

  public CompositeGuardrail(String name, List<? extends Guardrail> parts) {
    this.name = name;
    this.parts = List.copyOf(parts);
  }

  @Override
  public String name() {
    return name;
  }

  /** The detectors this one combines. */
  public List<Guardrail> parts() {
    return parts;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    return scan(new ScanText(text));
  }

  @Override
  public List<Finding> scan(ScanText text) {
    List<Finding> all = null;
    for (Guardrail g : parts) {
      List<Finding> found = SharedScan.scan(g, text);
      if (found.isEmpty()) {
        continue;
      }
      if (all == null) {
        all = new ArrayList<>(found);
      } else {
        all.addAll(found);
      }
    }
    if (all == null) {
      return List.of();
    }
    all.sort(BY_START);
    return all;
  }

  @Override
  public String toString() {
    return "CompositeGuardrail[" + name + ']';
  }
}
