package dev.aegis.providers.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.TokenLogprob;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.Usage;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.openai.Fixtures;
import dev.aegis.providers.testing.Streams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The codec without HTTP: the entry points the JMH benchmarks drive, and logprobs. */
class ChatCompletionsCodecTest {
  private final ChatCompletionsCodec codec = new ChatCompletionsCodec(Quirks.OPENAI);

  @Test
  void decodeStreamFromABuffer() throws Exception {
    byte[] body = Fixtures.sse("openai-compatible/xai-tool-call.chunks.txt", true).getBytes(StandardCharsets.UTF_8);
    List<ChatChunk> chunks = new ArrayList<>();
    new ChatCompletionsCodec(Quirks.COMPATIBLE).decodeStream(new Buffer().write(body), "bench", 200, null, chunks::add);
    // 230 recorded events: the last carries only the usage, the others one chunk each
    assertThat(chunks).hasSize(230);
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.message().toolCalls()).containsExactly(ToolCall.of("call_79382389", "weather", "{\"location\":\"San Francisco\"}"));
    assertThat(r.usage()).isEqualTo(Usage.builder().inputTokens(307).outputTokens(253).cacheReadTokens(306).reasoningTokens(227).build());
  }

  @Test
  void encodeBytesOfATypicalRequest() throws Exception {
    ChatRequest request = ChatRequest.builder().addMessage(Message.system("Be terse."))
        .addMessage(Message.user("Capital of France?")).temperature(0.2).maxTokens(64).build();
    byte[] bytes = codec.encodeBytes(request, "gpt-4.1-mini", Map.of(), true);
    assertThat(Json.read(bytes)).isEqualTo(Json.read("{\"model\":\"gpt-4.1-mini\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Be terse.\"},{\"role\":\"user\",\"content\":\"Capital of France?\"}],"
        + "\"temperature\":0.2,\"max_completion_tokens\":64,\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
  }

  @Test
  void logprobsWholeAndStreamed() throws Exception {
    String logprobs = "{\"content\":[{\"token\":\"Hi\",\"logprob\":-0.25,\"bytes\":[72,105],"
        + "\"top_logprobs\":[{\"token\":\"Hi\",\"logprob\":-0.25},{\"token\":\"Hello\",\"logprob\":-1.5}]}],\"refusal\":null}";
    ChatResponse r = codec.decode(("{\"id\":\"c\",\"model\":\"m\",\"created\":1,\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"logprobs\":" + logprobs + ",\"finish_reason\":\"stop\"}]}")
        .getBytes(StandardCharsets.UTF_8), ResponseMetadata.builder());
    TokenLogprob expected = new TokenLogprob("Hi", -0.25,
        List.of(new TokenLogprob("Hi", -0.25, List.of()), new TokenLogprob("Hello", -1.5, List.of())));
    assertThat(r.firstChoice().logprobs()).containsExactly(expected);
    List<ChatChunk> chunks = new ArrayList<>();
    codec.decodeStream(new Buffer().writeUtf8("data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
        + "{\"content\":\"Hi\"},\"logprobs\":" + logprobs + ",\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"),
        "p", 200, null, chunks::add);
    assertThat(chunks.get(0).logprobs()).containsExactly(expected);
  }
}
