package dev.aegis.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.provider.Provider;
import dev.aegis.providers.contract.ProviderContractTest;
import dev.aegis.providers.testing.WireRequests;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The mock provider passes the provider contract kit. */
class MockProviderContractTest extends ProviderContractTest {
  private final CountDownLatch called = new CountDownLatch(1);
  private MockProvider hanging;
  private final AtomicReference<ChatRequest> received = new AtomicReference<>();
  private MockProvider last;

  @Override
  protected Provider providerFor(Scenario scenario) {
    received.set(null);
    MockProvider.Builder b = MockProvider.builder("mock").chunks(4).onCall(received::set);
    switch (scenario) {
      case TOOL_CALL:
      case STREAM_TOOL_CALL:
        b.toolCall("get_weather", "{\"city\":\"Paris\"}");
        break;
      case HANG:
        hanging = b.gate(new CountDownLatch(1)).onCall(r -> called.countDown()).build();
        return hanging;
      default:
        break;
    }
    last = b.build();
    return last;
  }

  @Override
  protected Provider providerFailingWith(int status) {
    FailurePlan plan = FailurePlan.sequence(status);
    return MockProvider.builder("mock").failures(status == 429 ? plan.withRetryAfter(Duration.ofSeconds(2)) : plan)
        .build();
  }

  @Override
  protected void awaitUpstreamCalled() throws InterruptedException {
    assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Override
  protected void assertUpstreamClosed() {
    assertThat(hanging.cancellations() + hanging.completed()).isPositive();
    assertThat(hanging.completed()).isZero();
  }

  @Override
  protected Answer served(Scenario scenario) {
    switch (scenario) {
      case TEXT:
        return Answer.text(MockProvider.DEFAULT_REPLY, 10, 16);
      case MULTI_TURN:
        return Answer.text(MockProvider.DEFAULT_REPLY, 26, 16);
      case SYSTEM_PROMPT:
        return Answer.text(MockProvider.DEFAULT_REPLY, 18, 16);
      case IMAGE_INPUT:
        return Answer.text(MockProvider.DEFAULT_REPLY, 13, 16);
      case TOOL_CALL:
        return Answer.tool("call_2feab652", "get_weather", "{\"city\":\"Paris\"}", 50, 8);
      case STREAM_TEXT:
        return Answer.text(MockProvider.DEFAULT_REPLY, 10, 16);
      case STREAM_TOOL_CALL:
        return Answer.tool("call_2feab652", "get_weather", "{\"city\":\"Paris\"}", 50, 8);
      case TOOL_RESULT_ANSWER:
        return Answer.text("The tool answered: {\"temperature\":21}", 70, 10);
      default:
        throw new IllegalArgumentException("no answer is served for " + scenario);
    }
  }

  /** The mock has no wire: it must have been handed exactly the normalized request the kit built, once, on the right path. */
  @Override
  protected void verifyRequest(Scenario scenario) {
    boolean stream = scenario == Scenario.STREAM_TEXT || scenario == Scenario.STREAM_TOOL_CALL;
    assertThat(last.calls()).as("calls").isEqualTo(1);
    assertThat(last.streamCalls()).as("stream calls").isEqualTo(stream ? 1 : 0);
    assertThat(last.completed()).as("completed calls").isEqualTo(1);
    assertThat(received.get()).as("the request the mock received").isEqualTo(expectedRequest(scenario));
  }

  private static ChatRequest expectedRequest(Scenario scenario) {
    ChatRequest weather = ChatRequest.builder().model("alias").addMessage(Message.user("Weather in Paris?"))
        .addTool(Tool.function("get_weather", "Current weather for a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
        .build();
    switch (scenario) {
      case TEXT:
      case STREAM_TEXT:
        return ChatRequest.builder().model("alias").addMessage(Message.user("Say hello")).build();
      case MULTI_TURN:
        return WireRequests.multiTurn();
      case SYSTEM_PROMPT:
        return WireRequests.systemPrompt();
      case IMAGE_INPUT:
        return WireRequests.image();
      case TOOL_CALL:
      case STREAM_TOOL_CALL:
        return weather;
      case TOOL_RESULT_ANSWER:
        return weather.toBuilder()
            .addMessage(Message.assistant(List.of(ToolCall.of("call_2feab652", "get_weather", "{\"city\":\"Paris\"}"))))
            .addMessage(Message.tool("call_2feab652", "{\"temperature\":21}"))
            .build();
      default:
        throw new IllegalArgumentException("no request is expected for " + scenario);
    }
  }
}
