package dev.aegis.guardrails.internal;

import dev.aegis.api.guardrail.Finding;
import dev.aegis.api.guardrail.Guardrail;
import java.util.List;

/**
 * A detector that can scan a {@link ScanText}, sharing work (the normalised view) with the other
 * detectors of the same scan. Its findings must equal those of {@link Guardrail#scan} on the
 * original text.
 *
 * <p>Implementations are thread-safe.
 */
public interface SharedScan {

  /** The same findings as {@code scan(text.original())}. */
  List<Finding> scan(ScanText text);

  /** Scans with {@code detector}, through the shared view when it can use one. */
  static List<Finding> scan(Guardrail detector, ScanText text) {
    return detector instanceof SharedScan shared ? shared.scan(text) : detector.scan(text.original());
  }
}
