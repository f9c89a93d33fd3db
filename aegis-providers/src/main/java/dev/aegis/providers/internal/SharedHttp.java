package dev.aegis.providers.internal;

import okhttp3.OkHttpClient;

/**
 * The one OkHttp client (connection pool and dispatcher) of a gateway's HTTP adapters, kept in
 * the gateway's {@link dev.aegis.api.provider.ProviderContext}: created by the first adapter that
 * needs it, derived with {@code newBuilder()} by each adapter for its own timeouts (which shares
 * the pool and dispatcher), and shut down when the context closes — or, for an adapter made
 * without a context, when that adapter closes.
 *
 * <p>Thread-safe.
 */
public final class SharedHttp implements AutoCloseable {
  private final OkHttpClient client = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false) // retries are the gateway's decision, not OkHttp's
      .build();

  /** The shared base client; derive, never configure it in place. */
  public OkHttpClient client() {
    return client;
  }

  /** Closes idle connections and stops the dispatcher's threads. */
  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
