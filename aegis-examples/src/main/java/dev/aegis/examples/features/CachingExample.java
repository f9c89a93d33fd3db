package dev.aegis.examples.features;

import dev.aegis.api.CacheControl;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.core.Gateway;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The response cache: a deterministic request (temperature 0) is answered from the cache the
 * second time, without a provider call; a caller can skip the lookup per call with
 * {@link CacheControl#NO_CACHE}.
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class CachingExample {
  private CachingExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    MockProvider mock = MockProvider.builder("mock").reply("Cached answers cost nothing.").build();
    try (Gateway gateway = Gateway.builder()
        .provider(mock)
        .route("smart", Strategy.single(Target.of("mock")))
        .plugin(ResponseCache.builder()
            .store(InMemoryCacheStore.builder().maximumBytes(16L << 20).build())
            .ttl(Duration.ofMinutes(10))
            .build())
        .build()) {
      ChatRequest request = ChatRequest.builder().model("smart").temperature(0.0)
          .addMessage(Message.user("What does a cache save?")).build();
      print(out, "first", gateway.route(request), mock);
      print(out, "second", gateway.route(request), mock);
      print(out, "no-cache", gateway.route(request, RequestOptions.builder().cacheControl(CacheControl.NO_CACHE).build()),
          mock);
    }
  }

  private static void print(PrintStream out, String which, ChatResponse r, MockProvider mock) {
    out.println(which + ": " + r.metadata().cache().status() + " \"" + r.text() + "\" (provider calls so far: "
        + mock.calls() + ")");
  }
}
