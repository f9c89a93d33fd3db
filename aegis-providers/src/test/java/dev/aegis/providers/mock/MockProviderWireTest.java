package dev.aegis.providers.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.providers.testing.WireRequests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mock's "wire" is the request object itself: for the contract kit's multi-turn, system-prompt
 * and image requests (and the cache-marked and twenty-tool ones) it receives exactly what was sent,
 * order and cache hints included, and answers exactly as documented (id from the conversation's
 * fingerprint, the canned reply, usage from the chars/4 estimate).
 */
class MockProviderWireTest {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  static ChatResponse answer(String id, Usage usage) {
    return ChatResponse.builder().id(id).model("mock-model").created(NOW.getEpochSecond()).usage(usage)
        .addChoice(Choice.of(0, Message.assistant(MockProvider.DEFAULT_REPLY), FinishReason.STOP)).build();
  }

  @Test
  void receivesExactlyWhatWasSentAndAnswersExactly() {
    List<ChatRequest> received = new ArrayList<>();
    MockProvider mock = MockProvider.builder("mock").clock(Clock.fixed(NOW, ZoneOffset.UTC)).onCall(received::add).build();
    ProviderCall call = ProviderCall.builder().model("mock-model").build();
    // input: 3 + per message 4 + ceil(chars / 4); output: the 62-char reply is 16 tokens
    assertThat(mock.chat(WireRequests.multiTurn(), call)).isEqualTo(answer("mock-d70f9287", Usage.of(26, 16)));
    assertThat(mock.chat(WireRequests.systemPrompt(), call)).isEqualTo(answer("mock-bc53b0fc", Usage.of(18, 16)));
    assertThat(mock.chat(WireRequests.image(), call)).isEqualTo(answer("mock-9f43eb14", Usage.of(13, 16)));
    mock.chat(WireRequests.cacheMarked(), call);
    mock.chat(WireRequests.withTwentyTools(), call);
    assertThat(received).containsExactly(WireRequests.multiTurn(), WireRequests.systemPrompt(), WireRequests.image(),
        WireRequests.cacheMarked(), WireRequests.withTwentyTools());
    assertThat(received.get(4).tools()).extracting(dev.aegis.api.chat.Tool::name)
        .containsExactlyElementsOf(WireRequests.twentyToolNames());
  }
}
