package dev.aegis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.examples.serving.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, after its demo, serves the API: started on a free port, the
 * printed {@code curl} lines are replayed over a real socket, metrics are scraped, and it stops.
 */
class QuickstartServesTest {
  private static final Pattern CURL = Pattern.compile(
      "curl (-N )?(http://localhost:\\d+/v1/chat/completions) -H 'Authorization: Bearer ([^']+)' "
          + "-H 'Content-Type: application/json' -d '([^']+)'");
  private static final Pattern ISSUED = Pattern.compile("virtual key ([a-z0-9]+) issued for tenant demo: (\\S+)");
  private static final Pattern ADMIN_CURL = Pattern.compile(
      "curl (http://localhost:\\d+/admin/keys) -H 'Authorization: Bearer ([^']+)'");

  @Test
  void theCurlLinesItPrintsWork() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OkHttpClient http = new OkHttpClient();
    try (RunningServer server = Quickstart.start(new String[] {"--port", "0"},
        new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ZERO)) {
      String out = bytes.toString(StandardCharsets.UTF_8);
      assertThat(out).contains("== route() ==", "== routeStream() ==",
          "== serving the OpenAI-compatible API on http://localhost:" + server.port() + "/v1 (metrics: http://localhost:"
              + server.port() + "/metrics) ==");
      Matcher issued = ISSUED.matcher(out);
      assertThat(issued.find()).isTrue();
      String secret = issued.group(2);
      assertThat(secret).startsWith("aegis_" + issued.group(1) + "_");
      Matcher whole = CURL.matcher(out);
      assertThat(whole.find()).isTrue();
      assertThat(whole.group(1)).isNull();
      assertThat(whole.group(3)).isEqualTo(secret);
      try (Response r = replay(http, whole)) {
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.header("x-ratelimit-limit-requests")).isEqualTo("1000");
        assertThat(r.header("x-ratelimit-remaining-requests")).isEqualTo("997"); // two demo calls ran in-process
        assertThat(r.header("x-aegis-cache")).isEqualTo("miss");
        assertThat(r.body().string()).contains("\"content\":\"Aegis routed this answer through one gateway object, "
            + "in-process, with no network hop.\"");
      }
      Matcher streamed = CURL.matcher(out);
      assertThat(streamed.find(whole.end())).isTrue();
      assertThat(streamed.group(1)).isEqualTo("-N ");
      try (Response r = replay(http, streamed)) {
        assertThat(r.header("content-type")).isEqualTo("text/event-stream; charset=utf-8");
        assertThat(r.header("x-ratelimit-remaining-requests")).isEqualTo("996");
        assertThat(r.header("x-aegis-cache")).isEqualTo("miss");
        String sse = r.body().string();
        assertThat(sse).startsWith("data: {").contains("\"delta\":{\"role\":\"assistant\",\"content\":\"Aegis\"}")
            .endsWith("data: [DONE]\n\n");
      }
      Matcher admin = ADMIN_CURL.matcher(out);
      assertThat(admin.find()).isTrue();
      try (Response r = http.newCall(new Request.Builder().url(admin.group(1))
          .header("Authorization", "Bearer " + admin.group(2)).build()).execute()) {
        assertThat(r.code()).isEqualTo(200);
        String keys = r.body().string();
        assertThat(keys).startsWith("{\"object\":\"list\",\"data\":[{\"id\":\"")
            .contains("{\"id\":\"" + issued.group(1) + "\",\"object\":\"virtual_key\",\"name\":\"quickstart\"","\"name\":\"quickstart\",\"tenant\":\"demo\"", "\"name\":\"admin\",\"tenant\":null")
            .doesNotContain(secret);
      }
      try (Response r = http.newCall(new Request.Builder().url(admin.group(1))
          .header("Authorization", "Bearer " + secret).build()).execute()) {
        assertThat(r.code()).isEqualTo(403);
      }
      try (Response r = http.newCall(new Request.Builder().url("http://localhost:" + server.port() + "/metrics").build())
          .execute()) {
        String metrics = r.body().string();
        // the engine's own meters; the one in-process route() call finished before the server started
        assertThat(metrics).contains("# TYPE aegis_attempts_total counter\n",
            "aegis_requests_seconds_count{door=\"route\",outcome=\"success\"} 1\n");
      }
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static Response replay(OkHttpClient http, Matcher curl) throws IOException {
    return http.newCall(new Request.Builder().url(curl.group(2)).header("Authorization", "Bearer " + curl.group(3))
        .post(RequestBody.create(curl.group(4), MediaType.get("application/json"))).build()).execute();
  }
}
