package dev.aegis.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.error.GuardrailViolationException;
import dev.aegis.api.plugin.Eligibility;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.StreamTransformer;
import dev.aegis.api.plugin.TargetInfo;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The two halves a response cache sits between: the input stage masks on the way in and only
 * unmasks on the way back; the output stage scans the still-masked answer. Run in the order the
 * gateway runs them around a cache (output stage first on the way back), they give what the
 * whole plugin gives.
 */
class SplitStagesTest {
  private static final String CARD = "4111 1111 1111 1111";
  private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";

  private final GuardrailPlugin plugin = GuardrailPlugin.defaults();
  private final Plugin input = plugin.inputStage();
  private final Plugin output = plugin.outputStage();

  @Test
  void namesAndRequestSide() {
    assertThat(input.name()).isEqualTo("guardrails.input");
    assertThat(output.name()).isEqualTo("guardrails.output");
    FakeExchange ex = FakeExchange.user("card " + CARD);
    assertThat(output.onRequest(ex).type()).isEqualTo(RequestDecision.Type.PROCEED);
    assertThat(ex.runRequest(input).type()).isEqualTo(RequestDecision.Type.REPLACE);
    assertThat(ex.request().messages().get(0).text()).isEqualTo("card <CREDIT_CARD_1>");
    TargetInfo remote = new TargetInfo("r", "r", "openai", "m", false, Set.of(), Set.of());
    assertThat(input.eligible(ex, remote))
        .isEqualTo(Eligibility.drop("RESTRICTED data may only go to local targets; 'r' is not local"));
    assertThat(output.eligible(ex, remote)).isEqualTo(Eligibility.keep());
  }

  @Test
  void outputStageSeesTheMaskedAnswerAndTheInputStageRestoresIt() {
    FakeExchange ex = FakeExchange.user("charge card " + CARD);
    ex.runRequest(input);
    ChatResponse upstream = FakeExchange.answer("Charged <CREDIT_CARD_1>.");
    // scanning half first: nothing to do on a masked answer, it stays masked (what a cache keeps)
    assertThat(output.onResponse(ex, upstream)).isEqualTo(ResponseDecision.keep());
    ResponseDecision unmasked = input.onResponse(ex, upstream);
    assertThat(unmasked.type()).isEqualTo(ResponseDecision.Type.REPLACE);
    assertThat(((ResponseDecision.Replace) unmasked).response().text()).isEqualTo("Charged " + CARD + ".");
  }

  @Test
  void outputStageBlocksAndRedactsWithoutUnmasking() {
    FakeExchange ex = FakeExchange.user("charge card " + CARD);
    ex.runRequest(input);
    ResponseDecision blocked = output.onResponse(ex, FakeExchange.answer("<CREDIT_CARD_1> key " + AWS_KEY));
    assertThat(blocked.type()).isEqualTo(ResponseDecision.Type.REJECT);
    assertThat(((GuardrailViolationException) ((ResponseDecision.Reject) blocked).error()).rule()).isEqualTo("secrets");
    // a card the caller never sent is hallucinated PII: warned, not restored
    ResponseDecision other = output.onResponse(ex, FakeExchange.answer("<CREDIT_CARD_1> and 5500 0000 0000 0004"));
    assertThat(other).isEqualTo(ResponseDecision.keep());
    assertThat(ex.responseAttributes.get(GuardrailPlugin.WARNINGS_ATTRIBUTE)).isEqualTo(java.util.List.of(
        java.util.Map.of("rule", "hallucinated-pii", "direction", "output", "types", java.util.List.of("CREDIT_CARD"))));
  }

  @Test
  void streamsSplitTheSameWay() {
    FakeExchange ex = FakeExchange.chat(dev.aegis.api.plugin.Exchange.Door.STREAM,
        FakeExchange.user("charge card " + CARD).request());
    ex.runRequest(input);
    StreamTransformer scan = output.onStream(ex);
    StreamTransformer unmask = input.onStream(ex);
    StreamRecorder scanned = StreamRecorder.run(scan, "Charged <CREDIT", "_CARD_1> today.");
    assertThat(scanned.text()).isEqualTo("Charged <CREDIT_CARD_1> today.");
    StreamRecorder out = new StreamRecorder();
    for (var c : scanned.emitted) {
      unmask.onChunk(c, out);
    }
    unmask.flush(out);
    assertThat(out.text()).isEqualTo("Charged " + CARD + " today.");
  }

  @Test
  void withoutMasksTheInputStageAddsNoTransformer() {
    FakeExchange ex = FakeExchange.chat(dev.aegis.api.plugin.Exchange.Door.STREAM,
        FakeExchange.user("hello").request());
    ex.runRequest(input);
    assertThat(input.onStream(ex)).isNull();
    assertThat(input.onResponse(ex, FakeExchange.answer("hi"))).isEqualTo(ResponseDecision.keep());
    assertThat(output.onStream(ex)).isNotNull();
  }
}
