package dev.aegis.api.provider;

import dev.aegis.api.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Resources shared by every provider of one gateway, such as the HTTP connection pool and
 * dispatcher of the HTTP adapters: each resource is created on first use by the first provider
 * that asks for it, handed to every later one, and closed (when it is {@link AutoCloseable}) by
 * {@link #close()} — which the gateway calls after it has closed its providers. The engine never
 * looks inside; only the providers know what they share.
 *
 * <pre>{@code
 * try (ProviderContext context = ProviderContext.create()) {
 *   Provider a = factory.create(configA, context);
 *   Provider b = factory.create(configB, context); // shares a's connection pool
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe: providers may be created concurrently.
 */
public final class ProviderContext implements AutoCloseable {
  private final Map<Class<?>, Object> shared = new ConcurrentHashMap<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private volatile boolean closed;

  private ProviderContext() {}

  /** A new, empty context; the caller closes it when the providers created with it are closed. */
  public static ProviderContext create() {
    return new ProviderContext();
  }

  /**
   * The resource of this type, created by {@code factory} on the first call.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public <T> T shared(Class<T> type, Supplier<? extends T> factory) {
    Checks.notNull(type, "type");
    Checks.notNull(factory, "factory");
    if (closed) {
      throw new IllegalStateException("the provider context is closed");
    }
    return type.cast(shared.computeIfAbsent(type, k -> {
      T value = Checks.notNull(factory.get(), "shared " + type.getSimpleName());
      if (value instanceof AutoCloseable) {
        synchronized (toClose) {
          if (closed) {
            // close() ran while this one was being made: release it rather than leak it
            closeQuietly((AutoCloseable) value);
            throw new IllegalStateException("the provider context is closed");
          }
          toClose.add((AutoCloseable) value);
        }
      }
      return value;
    }));
  }

  /** The resource of this type if one was created, else {@code null}. */
  public <T> @Nullable T existing(Class<T> type) {
    Object value = shared.get(type);
    return value == null ? null : type.cast(value);
  }

  /** Whether {@link #close()} ran. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes every shared resource, the last created first; a failing one does not stop the
   * others. Idempotent.
   */
  @Override
  public void close() {
    List<AutoCloseable> resources;
    synchronized (toClose) {
      if (closed) {
        return;
      }
      closed = true;
      resources = new ArrayList<>(toClose);
      toClose.clear();
    }
    RuntimeException first = null;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = new IllegalStateException("closing a shared provider resource failed", e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    shared.clear();
    if (first != null) {
      throw first;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // the caller is told the context is closed; this resource was never handed out
    }
  }

  @Override
  public String toString() {
    return "ProviderContext{shared=" + shared.keySet().size() + ", closed=" + closed + '}';
  }
}
