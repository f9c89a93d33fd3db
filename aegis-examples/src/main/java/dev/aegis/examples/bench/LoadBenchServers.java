package dev.aegis.examples.bench;

import dev.aegis.examples.serving.RunningServer;
import dev.aegis.examples.serving.ServletExample;
import dev.aegis.examples.serving.VertxExample;
import dev.aegis.providers.openai.server.OpenAiEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Starts every server of {@code bench/http-load.sh} on free loopback ports in this JVM: the
 * OpenAI-speaking upstream, the bare passthrough to it, and one gateway ({@link BenchGateway})
 * served by Jetty (asynchronously, the endpoint's default), by Jetty with
 * {@link OpenAiEndpoint.Builder#callsOnServerThread} (whole answers computed on the container
 * thread, as the passthrough does) and by Vert.x. When all are up it prints one line,
 * {@code READY upstream=<port> passthrough=<port> jetty=<port> jetty-inline=<port> vertx=<port> key=<virtual key>},
 * and then serves until the process is stopped. "All up" means each has answered some whole and
 * streamed requests with 200 (20 of each, or the number given as the argument), which also loads
 * the classes of every path before wrk starts.
 *
 * <p>Not meant to be shared: a runnable main.
 */
public final class LoadBenchServers implements AutoCloseable {
  private final List<AutoCloseable> open = new ArrayList<>();
  private final String ready;

  private LoadBenchServers(int checkCalls) {
    try {
      RunningServer upstream = keep(OpenAiUpstream.start(0));
      String upstreamUrl = "http://127.0.0.1:" + upstream.port();
      RunningServer passthrough = keep(Passthrough.start(0, upstreamUrl));
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      BenchGateway.Built gateway = BenchGateway.build(upstreamUrl, metrics);
      keep(gateway.gateway());
      RunningServer jetty = keep(ServletExample.start(gateway.gateway(), 0, metrics));
      RunningServer jettyInline = keep(ServletExample.start(
          OpenAiEndpoint.builder(gateway.gateway()).callsOnServerThread(true).build(), 0, metrics));
      RunningServer vertx = keep(VertxExample.start(gateway.gateway(), 0));
      for (RunningServer server : List.of(upstream, passthrough, jetty, jettyInline, vertx)) {
        answersEveryMode(server.port(), gateway.key(), checkCalls);
      }
      ready = "READY upstream=" + upstream.port() + " passthrough=" + passthrough.port() + " jetty=" + jetty.port()
          + " jetty-inline=" + jettyInline.port() + " vertx=" + vertx.port() + " key=" + gateway.key();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** {@code args}: optionally the number of whole and of streamed calls each server must answer first (default 20). */
  public static void main(String[] args) throws InterruptedException {
    LoadBenchServers servers = new LoadBenchServers(args.length > 0 ? Integer.parseInt(args[0]) : 20);
    Runtime.getRuntime().addShutdownHook(new Thread(servers::close));
    System.out.println(servers.ready);
    System.out.flush();
    Thread.currentThread().join();
  }

  private static void answersEveryMode(int port, String key, int calls) {
    HttpClient http = HttpClient.newHttpClient();
    for (String stream : List.of("", "\"stream\":true,")) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/chat/completions"))
          .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + OpenAiUpstream.MODEL + "\"," + stream
              + "\"messages\":[{\"role\":\"user\",\"content\":\"warm up\"}]}"))
          .build();
      for (int i = 0; i < calls; i++) {
        try {
          HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (answer.statusCode() != 200) {
            throw new IllegalStateException("port " + port + " answered " + answer.statusCode() + ": " + answer.body());
          }
        } catch (IOException e) {
          throw new UncheckedIOException("port " + port + " did not answer", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while warming up", e);
        }
      }
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    open.add(resource);
    return resource;
  }

  /** Stops the servers, then closes the gateway, in reverse order of starting. */
  @Override
  public void close() {
    List<AutoCloseable> reversed = new ArrayList<>(open);
    Collections.reverse(reversed);
    open.clear();
    for (AutoCloseable c : reversed) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e.getMessage());
      }
    }
  }
}
