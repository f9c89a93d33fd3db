package dev.aegis.providers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatResponseAccumulator;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import java.time.Duration;

/** The checks every opt-in live test (*IT) runs against a real provider. */
public final class LiveChecks {
  private LiveChecks() {}

  public static void chatAndStream(Provider p, String model) {
    ChatRequest req = ChatRequest.builder().addMessage(Message.system("Answer with one word."))
        .addMessage(Message.user("What is the capital of France?")).maxTokens(64).build();
    ChatResponse r = p.chat(req, ProviderCall.builder().model(model).timeout(Duration.ofSeconds(60)).build());
    assertThat(r.text()).containsIgnoringCase("paris");
    assertThat(r.usage().inputTokens()).isPositive();
    ChatResponseAccumulator acc = new ChatResponseAccumulator();
    p.stream(req, ProviderCall.builder().model(model).timeout(Duration.ofSeconds(60)).build(), acc::add);
    assertThat(acc.text()).containsIgnoringCase("paris");
    assertThat(acc.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(acc.usage()).isNotNull();
  }
}
