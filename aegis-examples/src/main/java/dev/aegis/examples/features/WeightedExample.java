package dev.aegis.examples.features;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;

/**
 * Weighted load balancing: a random choice in proportion to the weights (3 : 1 : 0 here; a zero
 * weight never serves). When the chosen member fails, the weighted strategy retries the request
 * on the remaining members, renormalised.
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class WeightedExample {
  private static final int REQUESTS = 1000;

  private WeightedExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    MockProvider east = MockProvider.builder("east").build();
    MockProvider west = MockProvider.builder("west").build();
    MockProvider spare = MockProvider.builder("spare").build();
    ChatRequest hello = ChatRequest.builder().model("balanced").addMessage(Message.user("hi")).build();
    try (Gateway gateway = Gateway.builder()
        .provider(east).provider(west).provider(spare)
        .route("balanced", Strategy.weighted()
            .add(Target.of("east"), 3).add(Target.of("west"), 1).add(Target.of("spare"), 0).build())
        .build()) {
      for (int i = 0; i < REQUESTS; i++) {
        gateway.route(hello);
      }
      // the split is random; rounded to quarters it is stable enough to print
      out.println(REQUESTS + " requests: east served " + quarters(east.calls()) + ", west " + quarters(west.calls())
          + ", spare (weight 0) " + spare.calls());
    }

    MockProvider down = MockProvider.builder("down").failures(FailurePlan.probability(1.0, 503, 1)).build();
    MockProvider up = MockProvider.builder("up").reply("still answering").build();
    try (Gateway gateway = Gateway.builder()
        .provider(down).provider(up)
        .route("balanced", Strategy.weighted().add(Target.of("down"), 9).add(Target.of("up"), 1).build())
        .build()) {
      int answered = 0;
      for (int i = 0; i < 20; i++) {
        if (gateway.route(hello).text().equals("still answering")) {
          answered++;
        }
      }
      out.println("with 'down' failing: " + answered + " of 20 answered by 'up'");
    }
  }

  private static String quarters(int calls) {
    return Math.round(calls * 4.0 / REQUESTS) + "/4";
  }
}
