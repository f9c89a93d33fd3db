package dev.aegis.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatResponseAccumulator;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.ProviderAuthenticationException;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.error.ProviderRateLimitException;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The provider contract test kit: every adapter, and the mock provider, extends this class and
 * passes it. A subclass prepares each {@link Scenario} (for an HTTP adapter: enqueue the recorded
 * answer on a MockWebServer), states the exact answer it served ({@link #served}) and verifies the
 * exact request it received ({@link #verifyRequest}); every case checks both.
 *
 * <p>What the kit checks: text round trip, multi-turn, system prompt, image input, a tool call
 * round trip (call, tool result, answer), streaming text and streaming tool calls, usage, each
 * error status mapped to its exception type, cancellation reaching the upstream call, and
 * deadlines honoured.
 */
public abstract class ProviderContractTest {

  /** What the next call should meet upstream. */
  public enum Scenario {
    TEXT, MULTI_TURN, SYSTEM_PROMPT, IMAGE_INPUT, TOOL_CALL, TOOL_RESULT_ANSWER, STREAM_TEXT, STREAM_TOOL_CALL,
    /** The upstream does not answer until cancelled (or for far longer than the test's deadline). */
    HANG
  }

  /** A provider instance prepared so that its next call meets {@code scenario}. */
  protected abstract Provider providerFor(Scenario scenario) throws Exception;

  /** A provider instance whose next call is answered with this HTTP error status. */
  protected abstract Provider providerFailingWith(int status) throws Exception;

  /** The model name to send. */
  protected String model() {
    return "test-model";
  }

  /**
   * Called after a scenario's call: asserts the exact request the upstream received (for an HTTP
   * adapter the method, path, key headers and the whole JSON body; for the mock the normalized
   * request it was handed).
   */
  protected abstract void verifyRequest(Scenario scenario) throws Exception;

  /** The answer the subclass serves for a scenario, as the adapter must decode it exactly. */
  protected abstract Answer served(Scenario scenario);

  /**
   * What a served answer decodes to: its text (empty for a tool call), its first tool call, and
   * its input and output tokens (0 and 0 when the answer reports no usage).
   */
  public record Answer(String text, @Nullable ToolCall toolCall, int inputTokens, int outputTokens) {
    public static Answer text(String text, int inputTokens, int outputTokens) {
      return new Answer(text, null, inputTokens, outputTokens);
    }

    public static Answer tool(String id, String name, String arguments, int inputTokens, int outputTokens) {
      return new Answer("", ToolCall.of(id, name, arguments), inputTokens, outputTokens);
    }
  }

  /** Asserts {@code r} carries exactly the served answer's text, first tool call and usage. */
  private void assertAnswer(ChatResponse r, Scenario sc) {
    Answer expected = served(sc);
    assertThat(r.text()).as("answer text").isEqualTo(expected.text());
    if (expected.toolCall() == null) {
      assertThat(r.message().toolCalls()).as("tool calls").isEmpty();
    } else {
      assertThat(r.message().toolCalls()).as("tool calls").hasSize(1);
      ToolCall tc = r.message().toolCalls().get(0);
      assertThat(tc.id()).as("tool call id").isEqualTo(expected.toolCall().id());
      assertThat(tc.name()).as("tool call name").isEqualTo(expected.toolCall().name());
      assertThat(tc.arguments()).as("tool call arguments").isEqualTo(expected.toolCall().arguments());
    }
    assertThat(r.usage().inputTokens()).as("input tokens").isEqualTo(expected.inputTokens());
    assertThat(r.usage().outputTokens()).as("output tokens").isEqualTo(expected.outputTokens());
    assertThat(r.usage().totalTokens()).as("total tokens").isEqualTo(expected.inputTokens() + expected.outputTokens());
  }

  /** Blocks until the upstream has received the call of the HANG scenario. */
  protected abstract void awaitUpstreamCalled() throws Exception;

  /** Asserts the upstream connection of the HANG scenario was closed (after a cancel or timeout). */
  protected abstract void assertUpstreamClosed() throws Exception;

  /** Whether the upstream reports a Retry-After for 429 in {@link #providerFailingWith}. */
  protected boolean sendsRetryAfter() {
    return true;
  }

  protected ProviderCall call() {
    return ProviderCall.builder().model(model()).timeout(Duration.ofSeconds(30)).build();
  }

  /** A call cancelled through {@code cancel}. */
  protected ProviderCall call(ProviderCall.Cancellation cancel) {
    return ProviderCall.builder().model(model()).timeout(Duration.ofSeconds(30)).cancellation(cancel).build();
  }

  protected static Tool weatherTool() {
    return Tool.function("get_weather", "Current weather for a city",
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
  }

  protected static ChatRequest request(Message... messages) {
    return ChatRequest.builder().model("alias").messages(List.of(messages)).build();
  }

  // ---------------------------------------------------------------- chat

  @Test
  void textRoundTrip() throws Exception {
    Provider p = providerFor(Scenario.TEXT);
    ChatResponse r = p.chat(request(Message.user("Say hello")), call());
    assertAnswer(r, Scenario.TEXT);
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.message().role()).isEqualTo(Role.ASSISTANT);
    verifyRequest(Scenario.TEXT);
  }

  @Test
  void multiTurn() throws Exception {
    Provider p = providerFor(Scenario.MULTI_TURN);
    ChatResponse r = p.chat(request(Message.user("My name is Ada."), Message.assistant("Hello Ada."),
        Message.user("What is my name?")), call());
    assertAnswer(r, Scenario.MULTI_TURN);
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    verifyRequest(Scenario.MULTI_TURN);
  }

  @Test
  void systemPrompt() throws Exception {
    Provider p = providerFor(Scenario.SYSTEM_PROMPT);
    ChatResponse r = p.chat(request(Message.system("Answer in French."), Message.user("Hello")), call());
    assertAnswer(r, Scenario.SYSTEM_PROMPT);
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    verifyRequest(Scenario.SYSTEM_PROMPT);
  }

  @Test
  void imageInput() throws Exception {
    Provider p = providerFor(Scenario.IMAGE_INPUT);
    Message m = Message.builder(Role.USER).addText("What is in this image?")
        .addPart(ContentPart.imageData("image/png",
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="))
        .build();
    ChatResponse r = p.chat(request(m), call());
    assertAnswer(r, Scenario.IMAGE_INPUT);
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    verifyRequest(Scenario.IMAGE_INPUT);
  }

  @Test
  void toolCallRoundTrip() throws Exception {
    Provider p = providerFor(Scenario.TOOL_CALL);
    ChatRequest ask = ChatRequest.builder().model("alias").addMessage(Message.user("Weather in Paris?"))
        .addTool(weatherTool()).build();
    ChatResponse first = p.chat(ask, call());
    assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertAnswer(first, Scenario.TOOL_CALL);
    ToolCall tc = first.message().toolCalls().get(0);
    verifyRequest(Scenario.TOOL_CALL);

    Provider p2 = providerFor(Scenario.TOOL_RESULT_ANSWER);
    ChatRequest answer = ask.toBuilder()
        .addMessage(Message.assistant(first.message().toolCalls()))
        .addMessage(Message.tool(tc.id(), "{\"temperature\":21}"))
        .build();
    ChatResponse second = p2.chat(answer, call());
    assertAnswer(second, Scenario.TOOL_RESULT_ANSWER);
    assertThat(second.finishReason()).isEqualTo(FinishReason.STOP);
    verifyRequest(Scenario.TOOL_RESULT_ANSWER);
  }

  // ---------------------------------------------------------------- streams

  @Test
  void streamText() throws Exception {
    Provider p = providerFor(Scenario.STREAM_TEXT);
    List<ChatChunk> chunks = new ArrayList<>();
    p.stream(request(Message.user("Say hello")), call(), chunks::add);
    assertThat(chunks.size()).isGreaterThan(1);
    ChatResponseAccumulator acc = new ChatResponseAccumulator();
    chunks.forEach(acc::add);
    ChatResponse r = acc.toResponse();
    assertThat(acc.usage()).as("a stream reports usage").isEqualTo(r.usage());
    assertAnswer(r, Scenario.STREAM_TEXT);
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    verifyRequest(Scenario.STREAM_TEXT);
  }

  @Test
  void streamToolCall() throws Exception {
    Provider p = providerFor(Scenario.STREAM_TOOL_CALL);
    ChatRequest ask = ChatRequest.builder().model("alias").addMessage(Message.user("Weather in Paris?"))
        .addTool(weatherTool()).build();
    ChatResponseAccumulator acc = new ChatResponseAccumulator();
    p.stream(ask, call(), acc::add);
    ChatResponse r = acc.toResponse();
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertAnswer(r, Scenario.STREAM_TOOL_CALL);
    verifyRequest(Scenario.STREAM_TOOL_CALL);
  }

  // ---------------------------------------------------------------- errors

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 429, 500, 502, 503, 504, 529})
  void errorStatusMapped(int status) throws Exception {
    Provider p = providerFailingWith(status);
    assertThatThrownBy(() -> p.chat(request(Message.user("hi")), call()))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.provider()).isEqualTo(p.name());
          assertThat(e.status()).isEqualTo(status);
          switch (status) {
            case 400:
            case 404:
              assertThat(e).isInstanceOf(ProviderInvalidRequestException.class);
              assertThat(e.retryable()).isFalse();
              break;
            case 401:
            case 403:
              assertThat(e).isInstanceOf(ProviderAuthenticationException.class);
              assertThat(e.kind().httpStatus()).as("an upstream auth failure is the gateway's problem").isEqualTo(502);
              assertThat(e.retryable()).isFalse();
              break;
            case 429:
              assertThat(e).isInstanceOf(ProviderRateLimitException.class);
              if (sendsRetryAfter()) {
                assertThat(e.retryAfter()).isNotNull();
              }
              break;
            default:
              assertThat(e).isInstanceOf(ProviderServerException.class);
              assertThat(e.retryable()).isTrue();
          }
        });
  }

  // ---------------------------------------------------------------- cancel and deadlines

  @Test
  void cancelClosesTheUpstreamCall() throws Exception {
    Provider p = providerFor(Scenario.HANG);
    ProviderCall.Cancellation cancel = new ProviderCall.Cancellation();
    ProviderCall call = call(cancel);
    CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
      try {
        p.chat(request(Message.user("hang")), call);
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    awaitUpstreamCalled();
    cancel.cancel();
    Throwable t = outcome.get(20, TimeUnit.SECONDS);
    assertThat(t).as("a cancelled call ends with a cancellation or a gateway error")
        .isInstanceOfAny(CancellationException.class, GatewayException.class);
    assertUpstreamClosed();
  }

  @Test
  void streamCancelClosesTheUpstreamCall() throws Exception {
    Provider p = providerFor(Scenario.HANG);
    ProviderCall.Cancellation cancel = new ProviderCall.Cancellation();
    ProviderCall call = call(cancel);
    AtomicReference<Throwable> error = new AtomicReference<>();
    CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
      try {
        p.stream(request(Message.user("hang")), call, chunk -> {});
      } catch (Throwable t) {
        error.set(t);
      }
    });
    awaitUpstreamCalled();
    cancel.cancel();
    done.get(20, TimeUnit.SECONDS);
    assertThat(error.get()).isInstanceOfAny(CancellationException.class, GatewayException.class);
    assertUpstreamClosed();
  }

  @Test
  void deadlineHonoured() throws Exception {
    Provider p = providerFor(Scenario.HANG);
    ProviderCall call = ProviderCall.builder().model(model()).timeout(Duration.ofMillis(300)).build();
    CompletableFuture<ChatResponse> f = CompletableFuture.supplyAsync(() -> p.chat(request(Message.user("hang")), call));
    // the bound is functional, not a timing goal: a call with a 300 ms deadline must end, not hang
    assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.status()).isZero();
          assertThat(e.retryable()).isTrue();
        });
  }
}
