package dev.aegis.providers.openai.server.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoint's default blocking executor: daemon threads, created as needed and shared by the
 * JVM's endpoints, for the gateway calls that exist only as blocking ones (embeddings, model
 * lists, health, the admin API).
 *
 * <p>Thread-safe.
 */
public final class BlockingThreads {
  public static final ExecutorService SHARED = Executors.newCachedThreadPool(new ThreadFactory() {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "aegis-endpoint-blocking-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  });

  private BlockingThreads() {}
}
