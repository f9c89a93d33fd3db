package dev.aegis.providers.openai.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Attempt;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.RateLimitedException;
import dev.aegis.api.model.ModelInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenAiEndpoint.Builder#callsOnServerThread}: whole answers are computed by the blocking
 * door on the thread that calls {@code handle}, and written before it returns.
 */
class OpenAiEndpointOnServerThreadTest {
  private static final String SIMPLE = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private final FakeGateway gateway = new FakeGateway();
  private final List<String> doors = new CopyOnWriteArrayList<>();
  private final Executor never = task -> {
    throw new AssertionError("the blocking executor must not run anything");
  };
  private final OpenAiEndpoint endpoint = OpenAiEndpoint.builder(gateway)
      .clock(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC))
      .requestIds(() -> "gen-1")
      .blockingExecutor(never)
      .callsOnServerThread(true)
      .build();

  OpenAiEndpointOnServerThreadTest() {
    gateway.guard = door -> doors.add(door + " on " + Thread.currentThread().getName());
  }

  private RecordingResponse handle(String method, String path, String body) {
    RecordingResponse response = new RecordingResponse();
    endpoint.handle(ServerRequest.of(method, path, Map.of("x-request-id", "rq-1"), body.getBytes(StandardCharsets.UTF_8)),
        response);
    return response;
  }

  @Test
  void theDefaultIsAsynchronousAndTheOptionIsReported() {
    assertThat(OpenAiEndpoint.builder(gateway).build().callsOnServerThread()).isFalse();
    assertThat(endpoint.callsOnServerThread()).isTrue();
  }

  @Test
  void aWholeAnswerIsComputedByTheBlockingDoorAndSentBeforeHandleReturns() {
    gateway.chat = r -> CompletableFuture.completedFuture(ChatResponse.builder().id("chatcmpl-1").model("mock-1")
        .created(1_700_000_000L).addChoice(Choice.of(0, Message.assistant("Hello!"), FinishReason.STOP))
        .usage(Usage.of(3, 2)).metadata(ResponseMetadata.builder().provider("mock")
            .attempts(List.of(Attempt.success("t1", "mock", Duration.ofMillis(1)))).build())
        .build());

    RecordingResponse res = handle("POST", "/v1/chat/completions", SIMPLE);

    assertThat(doors).containsExactly("route on " + Thread.currentThread().getName());
    assertThat(res.calls).containsExactly("send");
    assertThat(res.status).isEqualTo(200);
    assertThat(res.headers).containsEntry("x-request-id", "rq-1").containsEntry("x-aegis-provider", "mock")
        .containsEntry("x-aegis-attempts", "1");
    assertThat(res.body()).isEqualTo("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
        + "\"model\":\"mock-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\","
        + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,"
        + "\"completion_tokens\":2,\"total_tokens\":5,\"prompt_tokens_details\":{\"cached_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}");
    assertThat(res.onClose).isNull(); // nothing to cancel: the call has ended when the answer is written
  }

  @Test
  void aFailureOfTheBlockingDoorKeepsItsStatusAndRetryAfter() {
    gateway.chat = r -> CompletableFuture.failedFuture(new RateLimitedException("rpm", "30 requests per minute",
        Duration.ofSeconds(2)));

    RecordingResponse res = handle("POST", "/v1/chat/completions", SIMPLE);

    assertThat(res.calls).containsExactly("send");
    assertThat(res.status).isEqualTo(429);
    assertThat(res.headers).containsEntry("retry-after", "2");
    assertThat(res.body()).isEqualTo("{\"error\":{\"message\":\"30 requests per minute\","
        + "\"type\":\"rate_limit_error\",\"param\":null,\"code\":\"rate_limited\"}}");
  }

  @Test
  void modelListsRunOnTheCallingThreadInsteadOfTheBlockingExecutor() {
    gateway.models = () -> List.of(ModelInfo.chat("smart", "aegis"));

    RecordingResponse res = handle("GET", "/v1/models", "");

    assertThat(doors).containsExactly("models on " + Thread.currentThread().getName());
    assertThat(res.status).isEqualTo(200);
    assertThat(res.body()).isEqualTo("{\"object\":\"list\",\"data\":[{\"id\":\"smart\",\"object\":\"model\","
        + "\"created\":0,\"owned_by\":\"aegis\"}]}");
  }
}
