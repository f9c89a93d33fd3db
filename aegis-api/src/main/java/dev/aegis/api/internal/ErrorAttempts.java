package dev.aegis.api.internal;

import dev.aegis.api.Attempt;
import dev.aegis.api.error.GatewayException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The engine's bridge for attaching the attempt history to a {@link GatewayException} before it
 * is thrown. {@code GatewayException} installs the one writer when its class initialises, so the
 * history has no public setter a plugin could call. Not public API.
 *
 * <p>Thread-safe: the writer is installed once, before any exception exists.
 */
public final class ErrorAttempts {
  /** Writes the attempts of one exception. */
  @FunctionalInterface
  public interface Writer {
    void write(GatewayException error, List<Attempt> attempts);
  }

  private static volatile @Nullable Writer writer;

  private ErrorAttempts() {}

  /** Called once, by {@code GatewayException}'s static initialiser. */
  public static void install(Writer w) {
    if (writer != null) {
      throw new IllegalStateException("the attempts writer is installed once, by GatewayException");
    }
    writer = Checks.notNull(w, "writer");
  }

  /** Attaches {@code attempts} to {@code error} (replacing any earlier list) and returns it. */
  public static <E extends GatewayException> E attach(E error, List<Attempt> attempts) {
    // an instance exists, so GatewayException's initialiser has run and installed the writer
    Writer w = writer;
    if (w == null) {
      throw new IllegalStateException("GatewayException is not initialised");
    }
    w.write(error, attempts);
    return error;
  }
}
