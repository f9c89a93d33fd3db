package dev.aegis.providers.openai.server.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.Message;
import dev.aegis.providers.openai.server.BindingContract;
import dev.aegis.providers.openai.server.OpenAiEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The servlet binding on embedded Jetty 12 (ee10), over a real socket. */
class OpenAiServletTest extends BindingContract {
  private Server server;

  @Override
  protected String start(OpenAiEndpoint endpoint) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(new OpenAiServlet(endpoint));
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/*");
    server.setHandler(context);
    server.start();
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  @Override
  protected void stop() throws Exception {
    server.stop();
  }

  /**
   * With {@code callsOnServerThread} a whole answer comes from the blocking door on a Jetty
   * container thread (named {@code qtp…}), which waits for the gateway's answer and writes it.
   */
  @Test
  void callsOnServerThreadAnswersFromTheContainerThread() throws Exception {
    stop();
    base = start(OpenAiEndpoint.builder(gateway).requestIds(() -> "gen-1").callsOnServerThread(true).build());
    List<String> doors = new CopyOnWriteArrayList<>();
    gateway.guard = door -> doors.add(door + " on " + Thread.currentThread().getName().replaceAll("-\\d+$", ""));
    gateway.chat = r -> later(answer());
    String jetty = "qtp" + server.getThreadPool().hashCode();
    try (Response r = post("/v1/chat/completions", SIMPLE)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("x-request-id")).isEqualTo("rq-7");
      assertThat(r.header("x-aegis-provider")).isEqualTo("mock");
      assertThat(r.body().string()).startsWith("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",");
    }
    try (Response r = post("/v1/chat/completions", "{\"model\":")) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(r.body().string()).contains("invalid JSON at line 1, column 10");
    }
    assertThat(doors).containsExactly("route on " + jetty);
  }

  /** A body without a content length (chunked, in three flushed pieces) grows its array as it arrives. */
  @Test
  void aChunkedBodyReachesTheGatewayWhole() throws IOException {
    gateway.chat = r -> later(answer());
    String text = "y".repeat(3000);
    try (Response r = postChunked("{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}")) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("x-aegis-provider")).isEqualTo("mock");
    }
    assertThat(gateway.requests).hasSize(1);
    assertThat(gateway.requests.get(0).model()).isEqualTo("smart");
    assertThat(gateway.requests.get(0).messages()).isEqualTo(List.of(Message.user(text)));
  }

  /** Without a content length the limit is found while reading: one byte over it is a 413. */
  @Test
  void aChunkedBodyOneByteOverTheLimitIsFourThirteen() throws IOException {
    String prefix = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"";
    String suffix = "\"}]}";
    String atLimit = prefix + "z".repeat(4096 - prefix.length() - suffix.length()) + suffix;
    assertThat(atLimit).hasSize(4096);
    gateway.chat = r -> later(answer());
    try (Response r = postChunked(atLimit)) {
      assertThat(r.code()).isEqualTo(200);
    }
    try (Response r = postChunked(atLimit + " ")) {
      assertThat(r.code()).isEqualTo(413);
      assertThat(r.body().string()).isEqualTo("{\"error\":{\"message\":\"the request body is larger than the limit of "
          + "4096 bytes\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"request_too_large\"}}");
    }
    assertThat(gateway.requests).hasSize(1);
  }

  private Response postChunked(String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    RequestBody chunked = new RequestBody() {
      @Override
      public MediaType contentType() {
        return JSON;
      }

      @Override
      public long contentLength() {
        return -1; // unknown: OkHttp sends it chunked
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        int third = bytes.length / 3;
        sink.write(bytes, 0, third).flush();
        sink.write(bytes, third, third).flush();
        sink.write(bytes, 2 * third, bytes.length - 2 * third).flush();
      }
    };
    return client.newCall(new Request.Builder().url(base + "/v1/chat/completions").post(chunked).build()).execute();
  }
}
