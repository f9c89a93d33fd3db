package dev.aegis.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatResponseAccumulator;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import java.time.Duration;

/** The checks every opt-in live test runs against a real provider: a whole answer and a stream. */
public final class LiveChecks {
  private LiveChecks() {}

  public static void chatAndStream(Provider provider, String model) {
    ChatRequest request = ChatRequest.builder().addMessage(Message.user("Reply with the single word: pong"))
        .maxTokens(200).build();
    ProviderCall call = ProviderCall.builder().model(model).timeout(Duration.ofSeconds(60)).build();
    ChatResponse whole = provider.chat(request, call);
    assertThat(whole.text().toLowerCase()).contains("pong");
    assertThat(whole.usage().inputTokens()).isPositive();
    ChatResponseAccumulator acc = new ChatResponseAccumulator();
    provider.stream(request, ProviderCall.builder().model(model).timeout(Duration.ofSeconds(60)).build(), acc::add);
    assertThat(acc.text().toLowerCase()).contains("pong");
    assertThat(acc.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(acc.usage()).isNotNull();
  }
}
