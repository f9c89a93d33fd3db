package dev.aegis.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.provider.Provider;
import dev.aegis.providers.contract.HttpFaultContract;
import dev.aegis.providers.contract.ProviderContractTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The provider contract kit for an HTTP adapter, backed by a MockWebServer: each scenario enqueues
 * a recorded answer, {@link #verify} asserts the exact request, and the HANG scenario uses a
 * server that never answers. The adapter is given the test's own {@link OkHttpClient} (as a host
 * would), whose {@link EventListener} proves that a cancel or a deadline cancelled the OkHttp
 * call and failed it: mockwebserver3 has no direct "client went away" signal for a stalled
 * exchange, so the client side is what we observe.
 */
public abstract class HttpProviderContractTest extends ProviderContractTest implements HttpFaultContract {
  protected MockWebServer server;
  protected OkHttpClient client;
  private final List<Provider> providers = new ArrayList<>();
  private final CountDownLatch canceled = new CountDownLatch(1);
  private final CountDownLatch failed = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
    client = new OkHttpClient.Builder().eventListener(new EventListener() {
      @Override
      public void canceled(Call call) {
        canceled.countDown();
      }

      @Override
      public void callFailed(Call call, IOException ioe) {
        failed.countDown();
      }
    }).build();
  }

  @AfterEach
  void stopServer() {
    providers.forEach(Provider::close);
    server.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /**
   * A new adapter instance pointed at {@code baseUrl} using the host {@code client}, its
   * configuration given the fault case's options and timeouts through {@link FaultSetup#apply}.
   */
  protected abstract Provider newProvider(String baseUrl, OkHttpClient client, FaultSetup setup);

  /** The recorded 200 answer for a scenario. */
  protected abstract MockResponse answer(Scenario scenario);

  /** An error answer with this status, in the provider's error shape. */
  protected abstract MockResponse failure(int status);

  /** Asserts the exact request the adapter sent for a scenario. */
  protected abstract void verify(Scenario scenario, RecordedRequest request) throws Exception;

  /** The base URL path of the mock server the adapter is configured with. */
  protected String basePath() {
    return "/v1";
  }

  private Provider provider() {
    Provider p = newProvider(server.url(basePath()).toString(), client, FaultSetup.of(Map.of()));
    providers.add(p);
    return p;
  }

  @Override
  public MockWebServer faultServer() {
    return server;
  }

  @Override
  public Provider faultProvider(FaultSetup setup) {
    return newProvider(server.url(basePath()).toString(), setup.client(client), setup);
  }

  @Override
  public Framing framing() {
    return Framing.SSE;
  }

  /** A Chat Completions chunk with the text "Hi". */
  @Override
  public byte[] firstStreamEvents() {
    return ("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}\n\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  protected Provider providerFor(Scenario scenario) {
    server.enqueue(scenario == Scenario.HANG
        ? new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build()
        : answer(scenario));
    return provider();
  }

  @Override
  protected Provider providerFailingWith(int status) {
    server.enqueue(failure(status));
    return provider();
  }

  @Override
  protected void verifyRequest(Scenario scenario) throws Exception {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("the adapter sent a request").isNotNull();
    verify(scenario, request);
  }

  @Override
  protected void awaitUpstreamCalled() throws InterruptedException {
    assertThat(server.takeRequest(10, TimeUnit.SECONDS)).as("the upstream was called").isNotNull();
  }

  @Override
  protected void assertUpstreamClosed() throws InterruptedException {
    assertThat(canceled.await(10, TimeUnit.SECONDS)).as("the OkHttp call was cancelled").isTrue();
    assertThat(failed.await(10, TimeUnit.SECONDS)).as("the OkHttp call failed rather than completing").isTrue();
    assertThat(client.connectionPool().connectionCount()).as("the cancelled connection was not pooled").isZero();
  }
}
