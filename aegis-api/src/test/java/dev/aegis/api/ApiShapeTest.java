package dev.aegis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.CacheHint;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatResponseAccumulator;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.embedding.EmbeddingRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value types added for prompt caching, cached-token usage, call signatures and provider extras. */
class ApiShapeTest {

  @Test
  void chunkDeltasAreNeverNull() {
    ChatChunk role = ChatChunk.builder("id", "m").role(Role.ASSISTANT).build();
    ChatChunk usage = ChatChunk.builder("id", "m").usage(Usage.of(1, 2)).build();
    StringBuilder printed = new StringBuilder();
    for (ChatChunk c : List.of(role, ChatChunk.builder("id", "m").text("Hello").build(), usage)) {
      printed.append(c.text()).append(c.refusal()).append(c.reasoning());
    }
    assertThat(printed.toString()).isEqualTo("Hello");
    assertThat(ChatChunk.builder("id", "m").text(null).build()).isEqualTo(ChatChunk.builder("id", "m").text("").build());
    assertThat(role.hasContent()).isFalse();
  }

  @Test
  void usageBuilderRoundTripsEveryCountAndAddsThemUp() {
    Usage u = Usage.builder().inputTokens(1110).outputTokens(50).cacheReadTokens(1000).cacheWriteTokens(100)
        .cacheWrite5mTokens(40).cacheWrite1hTokens(60).reasoningTokens(30).build();
    assertThat(u.inputTokens()).isEqualTo(1110);
    assertThat(u.outputTokens()).isEqualTo(50);
    assertThat(u.cacheReadTokens()).isEqualTo(1000);
    assertThat(u.cacheWriteTokens()).isEqualTo(100);
    assertThat(u.cacheWrite5mTokens()).isEqualTo(40);
    assertThat(u.cacheWrite1hTokens()).isEqualTo(60);
    assertThat(u.reasoningTokens()).isEqualTo(30);
    assertThat(u.totalTokens()).isEqualTo(1160);
    assertThat(u.toBuilder().build()).isEqualTo(u).hasSameHashCodeAs(u);
    assertThat(u.plus(u)).isEqualTo(Usage.builder().inputTokens(2220).outputTokens(100).cacheReadTokens(2000)
        .cacheWriteTokens(200).cacheWrite5mTokens(80).cacheWrite1hTokens(120).reasoningTokens(60).build());
    assertThat(u.toString()).isEqualTo("Usage{input=1110, output=50, cacheRead=1000, cacheWrite=100, cacheWrite5m=40, "
        + "cacheWrite1h=60, reasoning=30}");
    assertThat(Usage.ZERO).isEqualTo(Usage.builder().build());
    assertThatThrownBy(() -> Usage.builder().cacheWrite1hTokens(-1).build()).hasMessageContaining("cacheWrite1hTokens");
  }

  @Test
  void toolBuilderAndCacheHints() {
    Tool t = Tool.builder("search").description("Search").parameters("{\"type\":\"object\"}").strict(true)
        .cacheHint(CacheHint.ONE_HOUR).build();
    assertThat(t.toBuilder().build()).isEqualTo(t).hasSameHashCodeAs(t);
    assertThat(t.cacheHint()).isEqualTo(new CacheHint(CacheHint.Ttl.ONE_HOUR));
    assertThat(t.toBuilder().cacheHint(null).build()).isNotEqualTo(t).isEqualTo(Tool.builder("search").description("Search")
        .parameters("{\"type\":\"object\"}").strict(true).build());
    assertThat(Tool.builder("f").build().parameters()).isEqualTo("{\"type\":\"object\",\"properties\":{}}");
    assertThat(Tool.function("f", null, "{}")).isEqualTo(Tool.builder("f").parameters("{}").build());
    assertThatThrownBy(() -> Tool.builder(" ")).hasMessageContaining("name");
    assertThat(CacheHint.ONE_HOUR.ttl().wireName()).isEqualTo("1h");
    assertThat(CacheHint.FIVE_MINUTES.ttl().wireName()).isEqualTo("5m");
    assertThat(CacheHint.DEFAULT.ttl()).isNull();

    ContentPart text = ContentPart.text("doc").withCacheHint(CacheHint.DEFAULT);
    assertThat(text).isEqualTo(new ContentPart.Text("doc", CacheHint.DEFAULT)).isNotEqualTo(ContentPart.text("doc"));
    ContentPart.Image img = ContentPart.image("https://x/y.png").withDetail("low").withCacheHint(CacheHint.ONE_HOUR);
    assertThat(img.withDetail("high")).isEqualTo(new ContentPart.Image("https://x/y.png", "high", CacheHint.ONE_HOUR));
  }

  @Test
  void signaturesAndExtrasSurviveTheAccumulator() {
    ChatResponseAccumulator acc = new ChatResponseAccumulator();
    acc.add(ChatChunk.builder("id", "m").role(Role.ASSISTANT).extra("prompt_filter_results", List.of()).build());
    acc.add(ChatChunk.builder("id", "m").addToolCall(new ToolCallDelta(0, "call_0", "f", "", "sig-1"))
        .extra("content_filter_results", Map.of("hate", "safe")).build());
    acc.add(ChatChunk.builder("id", "m").addToolCall(new ToolCallDelta(0, null, null, "{}")).build());
    acc.add(ChatChunk.builder("id", "m").finishReason(FinishReason.TOOL_CALLS)
        .extra("content_filter_results", Map.of("hate", "low")).build());
    ChatResponse r = acc.toResponse();
    assertThat(r.message().toolCalls()).containsExactly(new ToolCall("call_0", "f", "{}", "sig-1"));
    assertThat(r.firstChoice().extras()).isEqualTo(Map.of("prompt_filter_results", List.of(),
        "content_filter_results", Map.of("hate", "low")));
    assertThat(ToolCall.of("a", "f", "{}").withSignature("s").signature()).isEqualTo("s");
  }

  @Test
  void embeddingOptions() {
    EmbeddingRequest r = EmbeddingRequest.builder().addInput("x").dimensions(256)
        .encodingFormat(EmbeddingRequest.EncodingFormat.BASE64).build();
    assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
    assertThat(r.encodingFormat().wireName()).isEqualTo("base64");
    assertThat(r.toBuilder().encodingFormat(null).build()).isNotEqualTo(r);
    assertThatThrownBy(() -> r.toBuilder().dimensions(0).build()).hasMessage("dimensions must be positive but was 0");
  }
}
