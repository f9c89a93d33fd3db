package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A target whose context window cannot hold prompt + max_tokens is ineligible, with the reason. */
class ContextWindowTest {
  private final MockProvider mock = MockProvider.builder("mock").echo().build();
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private Gateway gateway() {
    gateway = Gateway.builder().provider(mock)
        .route("demo", Strategy.fallback(
            Strategy.single(Target.builder("small").provider("mock").model("tiny").build()),
            Strategy.single(Target.builder("large").provider("mock").model("roomy").build())))
        .route("only-small", Strategy.single(Target.builder("small").provider("mock").model("tiny").build()))
        .prices(PriceTable.of(Map.of(
            "mock/tiny", PriceTable.Price.of("1", "1").withContextWindow(50),
            "mock/roomy", PriceTable.Price.of("1", "1").withContextWindow(100_000))))
        .build();
    return gateway;
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aTargetTooSmallForTheRequestIsSkippedBeforeAnyCall(Door door) {
    ChatRequest r = ChatRequest.builder().model("demo").addMessage(Message.user("a fairly long question"))
        .maxTokens(40).build();
    int prompt = TokenEstimator.CHARS_DIV_4.estimate(r);
    assertThat(prompt + 40).isGreaterThan(50);
    ChatResponse answer = door.call(gateway(), r);
    assertThat(answer.metadata().target()).isEqualTo("large");
    assertThat(mock.calls()).isEqualTo(1);
    ChatRequest onlySmall = r.toBuilder().model("only-small").build();
    assertThatThrownBy(() -> door.call(gateway, onlySmall))
        .isInstanceOfSatisfying(NoRouteException.class, e -> assertThat(e.rejections()).containsExactly(
            new NoRouteException.Rejection("small", "dropped by context-window: the request needs about "
                + (prompt + 40) + " tokens (prompt " + prompt + " + max_tokens 40) but the context window of "
                + "'tiny' is 50")));
    assertThat(mock.calls()).isEqualTo(1);
    ChatRequest fits = onlySmall.toBuilder().maxTokens(50 - prompt).build();
    assertThat(door.call(gateway, fits).metadata().target()).isEqualTo("small");
  }
}
