package dev.aegis.providers.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The usage rule on OpenAI's Chat Completions, whole and in the final usage chunk of a stream:
 * {@code prompt_tokens_details.cached_tokens} are cache reads inside the input,
 * {@code completion_tokens_details.reasoning_tokens} the reasoning part of the output.
 */
class ChatCompletionsUsageTest {
  private final ChatCompletionsCodec codec = new ChatCompletionsCodec(Quirks.OPENAI);

  /** As documented in OpenAI's prompt-caching and reasoning guides (platform.openai.com). */
  static final String USAGE = "{\"prompt_tokens\":2006,\"completion_tokens\":300,\"total_tokens\":2306,"
      + "\"prompt_tokens_details\":{\"cached_tokens\":1920,\"audio_tokens\":0},"
      + "\"completion_tokens_details\":{\"reasoning_tokens\":192,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
      + "\"rejected_prediction_tokens\":0}}";
  static final Usage EXPECTED = Usage.builder().inputTokens(2006).cacheReadTokens(1920).outputTokens(300)
      .reasoningTokens(192).build();

  @Test
  void whole() throws Exception {
    String body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"o4-mini\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":" + USAGE + "}";
    assertThat(codec.decode(body.getBytes(StandardCharsets.UTF_8), ResponseMetadata.builder()).usage()).isEqualTo(EXPECTED);
  }

  @Test
  void streamedInTheFinalUsageChunk() throws Exception {
    String sse = "data: {\"id\":\"chatcmpl-1\",\"model\":\"o4-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
        + "\"content\":\"ok\"},\"finish_reason\":null}],\"usage\":null}\n\n"
        + "data: {\"id\":\"chatcmpl-1\",\"model\":\"o4-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
        + "data: {\"id\":\"chatcmpl-1\",\"model\":\"o4-mini\",\"choices\":[],\"usage\":" + USAGE + "}\n\ndata: [DONE]\n\n";
    List<ChatChunk> chunks = new ArrayList<>();
    codec.decodeStream(new Buffer().writeUtf8(sse), "openai", 200, null, chunks::add);
    assertThat(chunks).containsExactly(
        ChatChunk.builder("chatcmpl-1", "o4-mini").role(dev.aegis.api.chat.Role.ASSISTANT).text("ok").build(),
        ChatChunk.builder("chatcmpl-1", "o4-mini").finishReason(dev.aegis.api.chat.FinishReason.STOP).build(),
        ChatChunk.builder("chatcmpl-1", "o4-mini").usage(EXPECTED).build());
  }

  @Test
  void deepSeekCacheHitsWhenNoDetailsAreGiven() {
    // DeepSeek's documented usage (api-docs.deepseek.com, context caching): hit + miss = prompt tokens
    Usage u = ChatCompletionsCodec.usage(dev.aegis.providers.internal.Json.tree(java.util.Map.of("prompt_tokens", 1000,
        "completion_tokens", 20, "prompt_cache_hit_tokens", 896, "prompt_cache_miss_tokens", 104)));
    assertThat(u).isEqualTo(Usage.builder().inputTokens(1000).cacheReadTokens(896).outputTokens(20).build());
  }
}
