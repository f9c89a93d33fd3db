package dev.aegis.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.Provider;
import dev.aegis.providers.contract.HttpFaultContract;
import dev.aegis.providers.contract.ProviderContractTest;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared MockWebServer plumbing for the HTTP adapters' contract tests. The HANG scenario answers
 * with headers delayed by ten minutes; whether the upstream call was closed is observed through
 * an OkHttp {@link EventListener} on the host client the provider derives its own from: a
 * cancelled or timed-out call reports {@code canceled} and/or {@code callFailed}, and OkHttp closes
 * the call's connection on that path (mockwebserver3 offers no server-side close signal).
 */
public abstract class HttpContractSupport extends ProviderContractTest implements HttpFaultContract {
  protected MockWebServer server;
  private FaultSetup faultSetup = FaultSetup.of(Map.of());
  private final CountDownLatch failed = new CountDownLatch(1);
  private volatile boolean ended;
  protected final OkHttpClient client = new OkHttpClient.Builder().eventListener(new EventListener() {
    @Override
    public void callFailed(Call call, IOException ioe) {
      failed.countDown();
    }

    @Override
    public void canceled(Call call) {
      failed.countDown();
    }

    @Override
    public void callEnd(Call call) {
      ended = true;
    }
  }).build();

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** A config builder pointing at the mock server, with the recording client. */
  protected ProviderConfig.Builder config(String type, String path) {
    return faultSetup.apply(ProviderConfig.builder("test-" + type, type).baseUrl(server.url(path).toString())
        .extension(OkHttpClient.class, faultSetup.client(client)));
  }

  /** A new adapter instance configured through {@link #config}. */
  protected abstract Provider provider();

  @Override
  public MockWebServer faultServer() {
    return server;
  }

  @Override
  public Provider faultProvider(FaultSetup setup) {
    faultSetup = setup;
    try {
      return provider();
    } finally {
      faultSetup = FaultSetup.of(Map.of());
    }
  }

  protected void enqueue(int status, String contentType, String body) {
    server.enqueue(new MockResponse.Builder().code(status).addHeader("content-type", contentType).body(body).build());
  }

  protected void enqueueHang() {
    server.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.MINUTES).body("{}").build());
  }

  protected RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(r).as("the upstream received a request").isNotNull();
    return r;
  }

  @Override
  protected void awaitUpstreamCalled() throws Exception {
    take();
  }

  @Override
  protected void assertUpstreamClosed() throws Exception {
    assertThat(failed.await(10, TimeUnit.SECONDS)).as("the HTTP call was cancelled/failed, closing its connection").isTrue();
    assertThat(ended).as("the hanging call never completed normally").isFalse();
  }
}
