package dev.aegis.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GuardrailViolationException;
import dev.aegis.api.event.GuardrailTriggered;
import dev.aegis.api.plugin.Exchange.Door;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.StreamTransformer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamGuardTest {
  private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";

  private static FakeExchange streaming(GuardrailPlugin plugin, String prompt) {
    FakeExchange ex = FakeExchange.chat(Door.STREAM, ChatRequest.builder().addMessage(Message.user(prompt)).build());
    ex.runRequest(plugin);
    return ex;
  }

  private static StreamTransformer transformer(GuardrailPlugin plugin, String prompt) {
    return plugin.onStream(streaming(plugin, prompt));
  }

  /** Splits {@code text} into chunks of {@code size} characters. */
  private static String[] chunks(String text, int size) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      parts.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return parts.toArray(new String[0]);
  }

  @Test
  void placeholderSplitAcrossChunksIsUnmasked() {
    GuardrailPlugin plugin = GuardrailPlugin.defaults();
    FakeExchange ex = streaming(plugin, "my mail is jane.doe@example.com");
    assertThat(ex.request().messages().get(0).text()).isEqualTo("my mail is <EMAIL_1>");

    StreamRecorder out = StreamRecorder.run(plugin.onStream(ex), "Sure, <", "EMA", "IL_", "1", "> it is. <EM");
    assertThat(out.text()).isEqualTo("Sure, jane.doe@example.com it is. <EM");
    assertThat(out.emitted.get(out.emitted.size() - 1).finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void everySplitOfAPlaceholderIsUnmasked() {
    GuardrailPlugin plugin = GuardrailPlugin.defaults();
    FakeExchange ex = streaming(plugin, "card 4111111111111111 and mail a@example.com");
    String upstream = "Charged <CREDIT_CARD_1>, receipt to <EMAIL_1>.";
    for (int size = 1; size <= upstream.length(); size++) {
      StreamRecorder out = StreamRecorder.run(plugin.onStream(ex), chunks(upstream, size));
      assertThat(out.text()).as("chunk size %d", size)
          .isEqualTo("Charged 4111111111111111, receipt to a@example.com.");
    }
  }

  @Test
  void keywordSplitAcrossChunksIsBlockedAndNeverDelivered() {
    GuardrailPlugin plugin = GuardrailPlugin.builder()
        .keywords("codenames", Action.BLOCK, List.of("Project Falcon")).build();
    FakeExchange ex = streaming(plugin, "status?");
    StreamTransformer t = plugin.onStream(ex);
    StreamRecorder out = new StreamRecorder();
    String before = "x".repeat(600) + " the plan for ";
    for (String part : chunks(before, 7)) {
      t.onChunk(StreamRecorder.text(part), out);
    }
    t.onChunk(StreamRecorder.text("Proj"), out);
    t.onChunk(StreamRecorder.text("ect   FAL"), out);
    assertThatThrownBy(() -> {
      t.onChunk(StreamRecorder.text("CON is"), out);
      for (String part : chunks("y".repeat(400), 9)) {
        t.onChunk(StreamRecorder.text(part), out);
      }
      t.flush(out);
    }).isInstanceOfSatisfying(GuardrailViolationException.class, e -> {
      assertThat(e.rule()).isEqualTo("codenames");
      assertThat(e.getMessage()).doesNotContainIgnoringCase("falcon");
    });
    // text released before the block stays released; none of the keyword ever was
    assertThat(out.text()).startsWith("xxx").doesNotContain("Proj").doesNotContainIgnoringCase("falcon");
    assertThat(ex.events).singleElement().isInstanceOfSatisfying(GuardrailTriggered.class,
        e -> assertThat(e.direction()).isEqualTo("output"));
  }

  @Test
  void secretAtTheVeryEndIsBlockedBeforeDelivery() {
    GuardrailPlugin plugin = GuardrailPlugin.defaults();
    FakeExchange ex = streaming(plugin, "hi");
    assertThatThrownBy(() -> StreamRecorder.run(plugin.onStream(ex), chunks("your key: " + AWS_KEY, 3)))
        .isInstanceOf(GuardrailViolationException.class);
  }

  @Test
  void holdsBackAtMostTheWindow() {
    GuardrailPlugin plugin = GuardrailPlugin.builder().defaults().streamWindow(64).build();
    FakeExchange ex = streaming(plugin, "hi");
    StreamTransformer t = plugin.onStream(ex);
    StreamRecorder out = new StreamRecorder();
    String text = "lorem ipsum dolor sit amet ".repeat(200);
    int fed = 0;
    for (String part : chunks(text, 5)) {
      t.onChunk(StreamRecorder.text(part), out);
      fed += part.length();
      assertThat(fed - out.text().length()).isLessThanOrEqualTo(64);
    }
    t.onChunk(StreamRecorder.finish(), out);
    t.flush(out);
    assertThat(out.text()).isEqualTo(text);
  }

  @Test
  void nonTextChunksKeepTheirPlaceBehindHeldText() {
    StreamTransformer t = transformer(GuardrailPlugin.defaults(), "mail a@example.com");
    StreamRecorder out = new StreamRecorder();
    t.onChunk(ChatChunk.builder("c1", "m").role(Role.ASSISTANT).text("").build(), out);
    t.onChunk(StreamRecorder.text("Writing to <EMAIL"), out);
    t.onChunk(StreamRecorder.text("_1> now"), out);
    t.onChunk(ChatChunk.builder("c1", "m").addToolCall(new ToolCallDelta(0, "call-1", "send", "{\"to\":\"<EM"))
        .build(), out);
    t.onChunk(ChatChunk.builder("c1", "m").addToolCall(new ToolCallDelta(0, null, null, "AIL_1>\"}")).build(), out);
    t.onChunk(ChatChunk.builder("c1", "m").finishReason(FinishReason.TOOL_CALLS).build(), out);
    t.onChunk(ChatChunk.builder("c1", "m").usage(Usage.of(10, 5)).build(), out);
    t.flush(out);

    List<String> shape = new ArrayList<>();
    StringBuilder args = new StringBuilder();
    for (ChatChunk c : out.emitted) {
      if (c.role() != null) shape.add("role");
      if (c.text() != null && !c.text().isEmpty()) shape.add("text");
      if (!c.toolCalls().isEmpty()) {
        shape.add("tool");
        c.toolCalls().forEach(d -> args.append(d.arguments()));
      }
      if (c.finishReason() != null) shape.add("finish");
      if (c.usage() != null) shape.add("usage");
    }
    assertThat(shape).containsExactly("role", "text", "tool", "tool", "finish", "usage");
    assertThat(out.text()).isEqualTo("Writing to a@example.com now");
    assertThat(args.toString()).isEqualTo("{\"to\":\"a@example.com\"}");
  }

  @Test
  void hallucinatedPiiCanBeRedactedInStreams() {
    GuardrailPlugin plugin = GuardrailPlugin.builder().defaults().hallucinatedPii(Action.REDACT).build();
    FakeExchange ex = streaming(plugin, "mail me at a@example.com");
    StreamRecorder out = StreamRecorder.run(plugin.onStream(ex),
        chunks("Sure, <EMAIL_1>; cc ceo@example.org and call 415-555-2671.", 4));
    assertThat(out.text()).isEqualTo("Sure, a@example.com; cc [EMAIL] and call [PHONE].");
  }

  @Test
  void streamedOutputEqualsTheWholeAnswerForEveryChunking() {
    GuardrailPlugin plugin = GuardrailPlugin.builder().defaults().hallucinatedPii(Action.REDACT).streamWindow(64)
        .build();
    FakeExchange ex = streaming(plugin, "I am jane@example.com, card 5555 5555 5555 4444, IP 10.1.2.3");
    StringBuilder upstream = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      upstream.append("Paragraph ").append(i).append(": dear <EMAIL_1>, your card <CREDIT_CARD_1> from 10.1.2.3 ")
          .append(i % 3 == 0 ? "was forwarded to billing" + i + "@example.org " : "")
          .append(i % 4 == 1 ? "call (212) 555-0" + (100 + i) + " " : "")
          .append("and some filler text to push the window along.\n");
    }
    String whole = ((ResponseDecision.Replace) plugin.onResponse(ex, FakeExchange.answer(upstream.toString()))).response().text();
    assertThat(whole).contains("jane@example.com", "5555 5555 5555 4444", "[EMAIL]", "[PHONE]")
        .doesNotContain("<EMAIL_1>", "billing0@");
    for (int size = 1; size <= 97; size += 3) {
      StreamRecorder out = StreamRecorder.run(plugin.onStream(ex), chunks(upstream.toString(), size));
      assertThat(out.text()).as("chunk size %d", size).isEqualTo(whole);
    }
  }

  @Test
  void choicesAreGuardedSeparately() {
    StreamTransformer t = transformer(GuardrailPlugin.defaults(), "mail a@example.com");
    StreamRecorder out = new StreamRecorder();
    t.onChunk(ChatChunk.builder("c1", "m").index(0).text("A <EMA").build(), out);
    t.onChunk(ChatChunk.builder("c1", "m").index(1).text("B <EMAIL_1").build(), out);
    t.onChunk(ChatChunk.builder("c1", "m").index(0).text("IL_1>").build(), out);
    t.onChunk(ChatChunk.builder("c1", "m").index(1).text(">").build(), out);
    t.flush(out);
    StringBuilder zero = new StringBuilder();
    StringBuilder one = new StringBuilder();
    out.emitted.forEach(c -> (c.index() == 0 ? zero : one).append(c.text()));
    assertThat(zero.toString()).isEqualTo("A a@example.com");
    assertThat(one.toString()).isEqualTo("B a@example.com");
  }

  @Test
  void nothingToDoMeansNoTransformer() {
    GuardrailPlugin inputOnly = GuardrailPlugin.builder()
        .keywords("k", Action.BLOCK, List.of("forbidden")).build();
    GuardrailPlugin none = GuardrailPlugin.builder().noHallucinatedPiiCheck()
        .rule(Rule.of("k", dev.aegis.guardrails.detect.Detectors.keywords("forbidden"), Action.BLOCK)
            .scope(Rule.Scope.INPUT))
        .build();
    assertThat(inputOnly.onStream(streaming(inputOnly, "hi"))).isNotNull();
    assertThat(none.onStream(streaming(none, "hi"))).isNull();
  }
}
