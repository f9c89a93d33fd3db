package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.PermissionDeniedException;
import dev.aegis.api.error.PluginException;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stage order and every stage outcome, on all three doors. */
class PipelineStagesTest {
  private final List<String> journal = new CopyOnWriteArrayList<>();
  private final RecordingPlugin a = new RecordingPlugin("A", journal);
  private final RecordingPlugin b = new RecordingPlugin("B", journal);
  private MockProvider mock = MockProvider.builder("mock").echo().chunks(3).build();
  private Gateway gateway;

  private Gateway gateway() {
    gateway = Gateway.builder()
        .provider(mock)
        .route("demo", Strategy.single(Target.of("mock")))
        .plugin(a)
        .plugin(b)
        .build();
    return gateway;
  }

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("demo").addMessage(Message.user(text)).build();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void stagesRunInTheDocumentedOrder(Door door) {
    ChatResponse r = door.call(gateway(), ask("hello"));
    assertThat(r.text()).isEqualTo("hello");
    List<String> expected = door == Door.STREAM
        ? List.of("A.onRequest", "B.onRequest", "A.eligible", "B.eligible", "A.eligible", "B.eligible",
            "A.onAttempt", "B.onAttempt", "B.onStream", "A.onStream", "B.onComplete", "A.onComplete")
        : List.of("A.onRequest", "B.onRequest", "A.eligible", "B.eligible", "A.eligible", "B.eligible",
            "A.onAttempt", "B.onAttempt", "B.onResponse", "A.onResponse", "B.onComplete", "A.onComplete");
    assertThat(journal).containsExactlyElementsOf(expected);
    assertThat(a.outcomes).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Outcome.Status.SUCCESS);
      assertThat(o.target()).isEqualTo("mock");
      assertThat(o.response().text()).isEqualTo("hello");
      assertThat(o.usage().outputTokens()).isPositive();
    });
    assertThat(r.metadata().target()).isEqualTo("mock");
    assertThat(r.metadata().attempts()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void streamTransformersChainInReverseOrder(Door door) {
    a.transformStreams = true;
    b.transformStreams = true;
    ChatResponse r = door.call(gateway(), ask("x|y"));
    if (door == Door.STREAM) {
      // the provider's chunks reach B's transformer first, then A's
      assertThat(r.text()).isEqualTo("x|ABy");
    } else {
      assertThat(r.text()).isEqualTo("x|y");
    }
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void replaceChangesWhatTheProviderSees(Door door) {
    a.onRequest = ex -> RequestDecision.replace(ex.request().toBuilder()
        .messages(List.of(Message.user("replaced"))).build());
    ChatResponse r = door.call(gateway(), ask("original"));
    assertThat(r.text()).isEqualTo("replaced");
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void answerSkipsTheProviderButRunsEarlierResponseStages(Door door) {
    ChatResponse canned = ChatResponse.builder().id("cached-1").model("cache")
        .addChoice(Choice.of(0, Message.assistant("from the cache"), FinishReason.STOP))
        .usage(Usage.of(3, 4)).metadata(ResponseMetadata.builder().cacheHit(true).build()).build();
    b.onRequest = ex -> RequestDecision.answer(canned);
    ChatResponse r = door.call(gateway(), ask("hello"));
    assertThat(r.text()).isEqualTo("from the cache");
    assertThat(mock.calls()).isZero();
    String stage = door == Door.STREAM ? "onStream" : "onResponse";
    assertThat(journal).contains("A." + stage).doesNotContain("B." + stage, "A.onAttempt", "A.eligible");
    assertThat(journal).containsSubsequence("B.onComplete", "A.onComplete");
    if (door != Door.STREAM) {
      assertThat(r.metadata().cacheHit()).isTrue();
    }
    assertThat(r.metadata().target()).isNull();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void rejectFailsWithTheGivenErrorAndStillCompletesEveryPlugin(Door door) {
    a.onRequest = ex -> RequestDecision.reject(new PermissionDeniedException("not for you"));
    Gateway g = gateway();
    assertThatThrownBy(() -> door.call(g, ask("hello")))
        .isInstanceOf(PermissionDeniedException.class).hasMessage("not for you");
    assertThat(mock.calls()).isZero();
    assertThat(journal).containsExactly("A.onRequest", "B.onComplete", "A.onComplete");
    assertThat(b.outcomes).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Outcome.Status.FAILURE);
      assertThat(o.error()).isInstanceOf(PermissionDeniedException.class);
    });
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void onResponseMayReplaceOrReject(Door door) {
    if (door == Door.STREAM) {
      return; // streams use onStream; covered by streamTransformersChainInReverseOrder
    }
    a.onResponse = r -> ResponseDecision.replace(r.toBuilder()
        .choices(List.of(Choice.of(0, Message.assistant(r.text().toUpperCase()), FinishReason.STOP))).build());
    assertThat(door.call(gateway(), ask("hello")).text()).isEqualTo("HELLO");
    gateway.close();
    journal.clear();
    b.onResponse = r -> ResponseDecision.reject(new GatewayException(ErrorKind.GUARDRAIL, "blocked output"));
    Gateway g = gateway();
    assertThatThrownBy(() -> door.call(g, ask("hello"))).hasMessage("blocked output");
    assertThat(journal).doesNotContain("A.onResponse").containsSubsequence("B.onComplete", "A.onComplete");
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aThrowingPluginFailsTheRequestNamingThePlugin(Door door) {
    b.onRequest = ex -> {
      throw new IllegalStateException("boom");
    };
    Gateway g = gateway();
    assertThatThrownBy(() -> door.call(g, ask("hello")))
        .isInstanceOfSatisfying(PluginException.class, e -> {
          assertThat(e.plugin()).isEqualTo("B");
          assertThat(e.stage()).isEqualTo("onRequest");
          assertThat(e.getMessage()).contains("'B'").contains("boom");
        });
    assertThat(a.outcomes).singleElement().extracting(Outcome::status).isEqualTo(Outcome.Status.FAILURE);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void onCompleteRunsExactlyOnceOnProviderError(Door door) {
    mock = MockProvider.builder("mock").failures(FailurePlan.sequence(500)).build();
    Gateway g = gateway();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    try {
      door.call(g, ask("hello"));
    } catch (GatewayException e) {
      thrown.set(e);
    }
    assertThat(thrown.get()).isInstanceOf(GatewayException.class);
    assertThat(((GatewayException) thrown.get()).attempts()).singleElement()
        .satisfies(at -> assertThat(at.status()).isEqualTo(500));
    assertThat(a.outcomes).hasSize(1);
    assertThat(b.outcomes).hasSize(1);
    assertThat(a.outcomes.get(0).status()).isEqualTo(Outcome.Status.FAILURE);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aThrowingOnCompleteIsSwallowedAndCounted(Door door) {
    RecordingPlugin bad = new RecordingPlugin("bad", journal) {
      @Override
      public void onComplete(dev.aegis.api.plugin.Exchange exchange, Outcome outcome) {
        throw new IllegalStateException("ignored");
      }
    };
    gateway = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock")))
        .plugin(bad).plugin(a).build();
    assertThat(door.call(gateway, ask("hi")).text()).isEqualTo("hi");
    assertThat(gateway.stats().pluginFailures()).isEqualTo(1);
    assertThat(a.outcomes).hasSize(1);
  }
}
