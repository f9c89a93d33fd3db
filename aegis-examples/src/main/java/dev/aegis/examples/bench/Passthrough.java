package dev.aegis.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.aegis.examples.serving.RunningServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The benchmark's floor: the gateway's own stack with nothing else. Jetty receives the request,
 * Jackson parses and re-writes it, OkHttp (configured as the gateway's shared client) sends it
 * upstream, and the answer comes back the same way: the JSON body parsed and re-written whole,
 * a stream parsed and re-written event by event and flushed after each. No routing, plugins,
 * metrics or error mapping.
 *
 * <p>Thread-safe.
 */
public final class Passthrough {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final MediaType JSON = MediaType.get("application/json");
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

  private Passthrough() {}

  /** Starts the passthrough on {@code 127.0.0.1:port} forwarding to {@code upstream} ({@code http://host:port}). */
  public static RunningServer start(int port, String upstream) {
    OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    RunningServer server = LoopbackJetty.serve(port, new Forward(http, upstream + "/v1/chat/completions"));
    return RunningServer.of(server.port(), () -> {
      server.close();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    });
  }

  /** Forwards one call. */
  private static final class Forward extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectReader READER = MAPPER.readerFor(JsonNode.class);
    private static final ObjectWriter WRITER = MAPPER.writer();
    private final transient OkHttpClient http;
    private final String url;

    Forward(OkHttpClient http, String url) {
      this.http = http;
      this.url = url;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      JsonNode request = READER.readValue(req.getInputStream());
      boolean stream = request.path("stream").asBoolean(false);
      Request upstream = new Request.Builder().url(url)
          .header("Authorization", "Bearer sk-passthrough")
          .post(RequestBody.create(WRITER.writeValueAsBytes(request), JSON)).build();
      try (Response answer = http.newCall(upstream).execute()) {
        resp.setStatus(answer.code());
        OutputStream out = resp.getOutputStream();
        if (!stream) {
          byte[] body = WRITER.writeValueAsBytes(READER.readValue(answer.body().byteStream()));
          resp.setContentType("application/json");
          resp.setContentLength(body.length);
          out.write(body);
          return;
        }
        resp.setContentType("text/event-stream; charset=utf-8");
        BufferedSource events = answer.body().source();
        for (String line; (line = events.readUtf8Line()) != null; ) {
          if (!line.startsWith("data: ")) continue;
          String data = line.substring(6);
          out.write(DATA);
          out.write(data.equals("[DONE]") ? data.getBytes(StandardCharsets.US_ASCII)
              : WRITER.writeValueAsBytes(READER.readValue(data)));
          out.write(END);
          out.flush();
        }
      }
    }
  }
}
