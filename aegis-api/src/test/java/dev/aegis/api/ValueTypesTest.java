package dev.aegis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatResponseAccumulator;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.credential.Credential;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.plugin.Classification;
import dev.aegis.api.plugin.LabelKey;
import dev.aegis.api.plugin.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Value types: validation, copies, the stream accumulator, labels and refreshing credentials. */
class ValueTypesTest {

  @Test
  void requestsValidateAndCopy() {
    assertThatThrownBy(() -> ChatRequest.builder().model("m").build()).hasMessageContaining("messages must not be empty");
    assertThatThrownBy(() -> ChatRequest.builder().addMessage(Message.user("x")).maxTokens(0).build())
        .hasMessageContaining("maxTokens");
    assertThatThrownBy(() -> Message.builder(Role.TOOL).addText("r").build()).hasMessageContaining("toolCallId");
    assertThatThrownBy(() -> Message.builder(Role.USER).addToolCall(ToolCall.of("1", "f", "{}")).build())
        .hasMessageContaining("only assistant");
    List<Message> messages = new ArrayList<>(List.of(Message.user("a")));
    ChatRequest r = ChatRequest.builder().messages(messages).extra("logit_bias", null).build();
    messages.add(Message.user("b"));
    assertThat(r.messages()).hasSize(1);
    assertThat(r.toBuilder().build()).isEqualTo(r);
    assertThat(r.extras()).containsKey("logit_bias");
    assertThat(r.toString()).doesNotContain("a\"").contains("messages=1");
  }

  @Test
  void imagesExposeTheirInlineData() {
    ContentPart.Image img = ContentPart.imageData("image/png", "AAAA");
    assertThat(img.isData()).isTrue();
    assertThat(img.mediaType()).isEqualTo("image/png");
    assertThat(img.base64Data()).isEqualTo("AAAA");
    assertThat(ContentPart.image("https://x/y.png").mediaType()).isNull();
  }

  @Test
  void theAccumulatorAssemblesTextReasoningToolCallsAndUsage() {
    ChatResponseAccumulator acc = new ChatResponseAccumulator();
    acc.add(ChatChunk.builder("id", "m").role(Role.ASSISTANT).reasoning("think").build());
    acc.add(ChatChunk.builder("id", "m").reasoning("ing").reasoningSignature("sig").build());
    acc.add(ChatChunk.builder("id", "m").text("Hel").build());
    acc.add(ChatChunk.builder("id", "m").text("lo").build());
    acc.add(ChatChunk.builder("id", "m").addToolCall(new ToolCallDelta(0, "call_1", "f", "")).build());
    acc.add(ChatChunk.builder("id", "m").addToolCall(new ToolCallDelta(0, null, null, "{\"a\":")).build());
    acc.add(ChatChunk.builder("id", "m").addToolCall(new ToolCallDelta(0, null, null, "1}"))
        .finishReason(FinishReason.TOOL_CALLS).build());
    acc.add(ChatChunk.builder("id", "m").usage(Usage.of(10, 5)).build());
    ChatResponse r = acc.toResponse();
    assertThat(r.text()).isEqualTo("Hello");
    assertThat(r.message().reasoning()).containsExactly(new Reasoning("thinking", "sig", null));
    assertThat(r.message().toolCalls()).containsExactly(ToolCall.of("call_1", "f", "{\"a\":1}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.usage()).isEqualTo(Usage.of(10, 5));
    assertThat(r.choices()).hasSize(1);
    assertThat(acc.finished()).isTrue();
  }

  @Test
  void orderedLabelsOnlyMoveToStricterValues() {
    Labels labels = new Labels();
    assertThat(labels.set(Classification.LABEL, Classification.CONFIDENTIAL)).isEqualTo(Classification.CONFIDENTIAL);
    assertThat(labels.set(Classification.LABEL, Classification.PUBLIC)).isEqualTo(Classification.CONFIDENTIAL);
    assertThat(labels.set(Classification.LABEL, Classification.RESTRICTED)).isEqualTo(Classification.RESTRICTED);
    assertThat(labels.get(Classification.LABEL)).isEqualTo(Classification.RESTRICTED);
    LabelKey<String> team = LabelKey.of("team");
    labels.set(team, "a");
    labels.set(team, "b");
    assertThat(labels.asMap()).containsEntry("team", "b").containsEntry("classification", "RESTRICTED");
  }

  @Test
  void refreshingCredentialsReloadBeforeExpiry() {
    Instant now = Instant.parse("2026-11-22T10:00:00Z");
    Clock[] clock = {Clock.fixed(now, ZoneOffset.UTC)};
    AtomicInteger loads = new AtomicInteger();
    CredentialProvider p = CredentialProvider.refreshing(
        () -> new Credential.BearerToken("t" + loads.incrementAndGet(), clock[0].instant().plusSeconds(600)),
        Duration.ofMinutes(5), new Clock() {
          @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
          @Override public Clock withZone(java.time.ZoneId zone) { return this; }
          @Override public Instant instant() { return clock[0].instant(); }
        });
    assertThat(((Credential.BearerToken) p.credential()).token()).isEqualTo("t1");
    assertThat(((Credential.BearerToken) p.credential()).token()).isEqualTo("t1");
    clock[0] = Clock.fixed(now.plusSeconds(301), ZoneOffset.UTC);
    assertThat(((Credential.BearerToken) p.credential()).token()).isEqualTo("t2");
    assertThat(loads.get()).isEqualTo(2);
  }
}
