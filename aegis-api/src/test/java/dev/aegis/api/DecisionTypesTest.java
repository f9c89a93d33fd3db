package dev.aegis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.ResponseDecision;
import org.junit.jupiter.api.Test;

/** The plugin decisions are sealed records: each kind carries exactly its value, typed. */
class DecisionTypesTest {
  private static final ChatRequest REQUEST = ChatRequest.builder().model("m").addMessage(Message.user("hi")).build();
  private static final ChatResponse ANSWER = ChatResponse.builder().id("r1").model("m")
      .addChoice(Choice.of(0, Message.assistant("cached"), FinishReason.STOP)).build();
  private static final GatewayException NO = new GatewayException(ErrorKind.PERMISSION_DENIED, "no");

  @Test
  void requestDecisionsCarryTheirValueTyped() {
    assertThat(RequestDecision.proceed()).isSameAs(RequestDecision.proceed())
        .isInstanceOf(RequestDecision.Proceed.class)
        .extracting(RequestDecision::type).isEqualTo(RequestDecision.Type.PROCEED);
    RequestDecision replace = RequestDecision.replace(REQUEST);
    assertThat(replace).isEqualTo(new RequestDecision.ReplaceChat(REQUEST));
    assertThat(((RequestDecision.ReplaceChat) replace).request()).isSameAs(REQUEST);
    assertThat(replace.type()).isEqualTo(RequestDecision.Type.REPLACE);
    EmbeddingRequest embedding = EmbeddingRequest.builder().model("e").addInput("a").build();
    RequestDecision replaceEmbedding = RequestDecision.replace(embedding);
    assertThat(((RequestDecision.ReplaceEmbedding) replaceEmbedding).request()).isSameAs(embedding);
    assertThat(replaceEmbedding.type()).isEqualTo(RequestDecision.Type.REPLACE);
    RequestDecision answer = RequestDecision.answer(ANSWER);
    assertThat(((RequestDecision.AnswerChat) answer).response()).isSameAs(ANSWER);
    assertThat(answer.type()).isEqualTo(RequestDecision.Type.ANSWER);
    RequestDecision reject = RequestDecision.reject(NO);
    assertThat(((RequestDecision.Reject) reject).error()).isSameAs(NO);
    assertThat(reject.type()).isEqualTo(RequestDecision.Type.REJECT);
  }

  @Test
  void responseDecisionsCarryTheirValueTyped() {
    assertThat(ResponseDecision.keep()).isSameAs(ResponseDecision.keep()).isInstanceOf(ResponseDecision.Keep.class)
        .extracting(ResponseDecision::type).isEqualTo(ResponseDecision.Type.KEEP);
    ResponseDecision replace = ResponseDecision.replace(ANSWER);
    assertThat(((ResponseDecision.Replace) replace).response()).isSameAs(ANSWER);
    assertThat(replace.type()).isEqualTo(ResponseDecision.Type.REPLACE);
    ResponseDecision reject = ResponseDecision.reject(NO);
    assertThat(((ResponseDecision.Reject) reject).error()).isSameAs(NO);
    assertThat(reject.type()).isEqualTo(ResponseDecision.Type.REJECT);
  }

  @Test
  void nullValuesAreRejectedByName() {
    assertThatThrownBy(() -> RequestDecision.replace((ChatRequest) null)).isInstanceOf(NullPointerException.class)
        .hasMessage("request must not be null");
    assertThatThrownBy(() -> RequestDecision.answer((ChatResponse) null)).hasMessage("response must not be null");
    assertThatThrownBy(() -> RequestDecision.reject(null)).hasMessage("error must not be null");
    assertThatThrownBy(() -> ResponseDecision.replace(null)).hasMessage("response must not be null");
    assertThatThrownBy(() -> new ResponseDecision.Reject(null)).hasMessage("error must not be null");
  }
}
