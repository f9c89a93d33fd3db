package dev.aegis.api.error;

import dev.aegis.api.internal.Checks;
import java.util.List;

/**
 * No target could serve the request: none was eligible, every circuit was open, or every
 * attempt failed in a way that allowed moving on. {@link #rejections()} says why, per target.
 *
 * <p>Thread-safe once thrown.
 */
public class NoRouteException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final List<Rejection> rejections;

  public NoRouteException(String route, List<Rejection> rejections) {
    super(ErrorKind.NO_ROUTE, "no target could serve route '" + route + "': " + rejections, false, null);
    this.rejections = Checks.copyOf(rejections, "rejections");
  }

  /** Why each target was passed over. */
  public List<Rejection> rejections() {
    return rejections;
  }

  /**
   * One target and why it could not serve.
   *
   * @param target the target name
   * @param reason why (e.g. "dropped by ResidencyPlugin: RESTRICTED data needs a local target")
   */
  public record Rejection(String target, String reason) {
    public Rejection {
      Checks.notNull(target, "target");
      Checks.notNull(reason, "reason");
    }

    @Override
    public String toString() {
      return target + ": " + reason;
    }
  }
}
