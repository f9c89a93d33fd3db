package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.OverloadedException;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The gateway-wide in-flight cap refuses at once, on every door, and frees its slots. */
class LoadSheddingTest {
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("demo").addMessage(Message.user(text)).build();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void overTheCapARequestIsRefusedAtOnceNotQueued(Door door) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    MockProvider held = MockProvider.builder("held").echo().gate(gate).build();
    MockProvider free = MockProvider.builder("free").echo().build();
    gateway = Gateway.builder().provider(held).provider(free)
        .route("demo", Strategy.single(Target.of("held")))
        .route("other", Strategy.single(Target.of("free")))
        .maxInFlight(2, Duration.ofMillis(250)).build();
    CompletableFuture<ChatResponse> a = gateway.routeAsync(ask("a"));
    CompletableFuture<ChatResponse> b = gateway.routeAsync(ask("b"));
    Await.until("two requests in flight", () -> held.calls() == 2);
    ChatRequest third = ChatRequest.builder().model("other").addMessage(Message.user("c")).build();
    assertThatThrownBy(() -> door.call(gateway, third))
        .isInstanceOfSatisfying(OverloadedException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
          assertThat(e.kind().httpStatus()).isEqualTo(503);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(250));
          assertThat(e.retryable()).isTrue();
          assertThat(e.getMessage())
              .isEqualTo("the gateway is at its cap of 2 requests in flight; the request was refused, not queued");
        });
    assertThat(free.calls()).isZero();
    gate.countDown();
    assertThat(a.get(10, TimeUnit.SECONDS).text()).isEqualTo("a");
    assertThat(b.get(10, TimeUnit.SECONDS).text()).isEqualTo("b");
    assertThat(door.call(gateway, third).text()).isEqualTo("c");
  }
}
