package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.core.internal.CallListener;
import dev.aegis.core.internal.CallObserver;
import dev.aegis.core.internal.Engine;
import dev.aegis.core.internal.GatewayAssembler;
import dev.aegis.core.internal.GatewaySpec;
import dev.aegis.core.internal.ObservabilitySpec;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A hedge is heard by the call's observer: which member fired after the delay, which one won. */
class HedgeObservationTest {
  private final FakeTime time = new FakeTime();

  @Test
  void theObserverHearsTheHedgeFireAndWin() {
    CountDownLatch never = new CountDownLatch(1);
    MockProvider slow = MockProvider.builder("slow").reply("from slow").gate(never)
        .onCall(req -> time.advance(Duration.ofMillis(50))).build();
    MockProvider fast = MockProvider.builder("fast").reply("from fast").build();
    List<String> events = new CopyOnWriteArrayList<>();
    CallListener listener = (Exchange.Door door, Exchange exchange) -> new CallObserver() {
      @Override
      public void hedgeFired(int member, String firstTarget) {
        events.add("fired " + member + " " + firstTarget);
      }

      @Override
      public void hedgeWon(int member, String firstTarget) {
        events.add("won " + member + " " + firstTarget);
      }
    };
    Engine engine = GatewayAssembler.assemble(new GatewaySpec(List.of(slow, fast), List.of(false, false),
        Map.of("r", Strategy.hedged(Duration.ofMillis(50), Strategy.single(Target.of("slow")),
            Strategy.single(Target.of("fast")))),
        null, List.of(), List.of(), List.of(), 1, time, Clock.systemUTC(), null, time.scheduler, Duration.ofMinutes(1),
        Duration.ofSeconds(5), 16, time, PriceTable.NONE, Duration.ofMinutes(5), listener,
        ObservabilitySpec.NONE));
    try {
      ChatResponse r = engine.route(ChatRequest.builder().model("r").addMessage(Message.user("hi")).build(),
          RequestOptions.none());
      assertThat(r.text()).isEqualTo("from fast");
      assertThat(events).containsExactly("fired 1 fast", "won 1 fast");
      Await.until("the losing attempt was cancelled", () -> slow.cancellations() == 1);
    } finally {
      engine.close();
    }
  }
}
