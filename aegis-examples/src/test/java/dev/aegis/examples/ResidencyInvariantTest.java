package dev.aegis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.core.Gateway;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.Condition;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.guardrails.GuardrailPlugin;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Invariant 1: a request labelled RESTRICTED (here: it carries a payment card number) is never
 * sent to a target that is not declared local, whatever the strategy — single, fallback, weighted,
 * conditional, least-latency, cost, hedged, with retries — on every door and for embeddings; with
 * no local target it is refused, never downgraded.
 */
class ResidencyInvariantTest {
  private static final String CARD = "4111 1111 1111 1111";

  enum Door { ROUTE, ROUTE_ASYNC, STREAM }

  private final List<String> cloudSaw = new CopyOnWriteArrayList<>();
  private final List<String> localSaw = new CopyOnWriteArrayList<>();
  private MockProvider cloudA;
  private MockProvider cloudB;
  private MockProvider local;
  private MockProvider flakyLocal;
  private Gateway gateway;

  @BeforeEach
  void setUp() {
    cloudA = MockProvider.builder("cloud-a").reply("from cloud").onCall(r -> cloudSaw.add(text(r))).build();
    cloudB = MockProvider.builder("cloud-b").reply("from cloud").onCall(r -> cloudSaw.add(text(r))).build();
    local = MockProvider.builder("local").reply("from local").onCall(r -> localSaw.add(text(r))).build();
    flakyLocal = MockProvider.builder("flaky-local").reply("from flaky local")
        .failures(FailurePlan.sequence(503, 503, 503)).onCall(r -> localSaw.add(text(r))).build();
    Target cloud = Target.builder("cloud").provider("cloud-a").model("big").build();
    Target cloud2 = Target.builder("cloud2").provider("cloud-b").model("cheap").build();
    Target onPrem = Target.builder("onprem").provider("local").model("pricey").build();
    Target flaky = Target.builder("flaky").provider("flaky-local")
        .retry(RetryPolicy.builder().maxAttempts(4).initialDelay(Duration.ofMillis(1)).build()).build();
    gateway = Gateway.builder()
        .provider(cloudA)
        .provider(cloudB)
        .provider(local, true)
        .provider(flakyLocal, true)
        .plugin(GuardrailPlugin.defaults())
        .prices(PriceTable.of(Map.of("cheap", PriceTable.Price.of("0.1", "0.1"),
            "big", PriceTable.Price.of("1", "1"), "pricey", PriceTable.Price.of("9", "9"))))
        .route("single-cloud", Strategy.single(cloud))
        .route("fallback", Strategy.fallback(cloud, cloud2, onPrem))
        .route("weighted", Strategy.weighted().add(cloud, 1000).add(cloud2, 1000).add(onPrem, 1).build())
        .route("conditional", Strategy.conditional().when(Condition.model().prefix("cond"), Strategy.fallback(cloud, onPrem))
            .build())
        .route("least-latency", Strategy.leastLatency(Strategy.single(cloud), Strategy.single(cloud2),
            Strategy.single(onPrem)).exploration(1.0))
        .route("cost", Strategy.cost(Strategy.single(cloud2), Strategy.single(cloud), Strategy.single(onPrem)))
        .route("hedged", Strategy.hedged(Duration.ofMillis(1), Strategy.single(cloud), Strategy.single(onPrem)))
        .route("retry", Strategy.fallback(Strategy.single(flaky), Strategy.single(cloud)))
        .route("nested", Strategy.fallback(Strategy.weighted().add(cloud, 5).add(cloud2, 5).build(),
            Strategy.hedged(Duration.ofMillis(1), Strategy.single(cloud2), Strategy.single(onPrem))))
        .build();
  }

  @AfterEach
  void tearDown() {
    gateway.close();
  }

  private static String text(ChatRequest r) {
    StringBuilder sb = new StringBuilder();
    r.messages().forEach(m -> sb.append(m.text()).append('\n'));
    return sb.toString();
  }

  private static ChatRequest restricted(String route) {
    return ChatRequest.builder().model(route).addMessage(Message.user("Charge my card " + CARD + " please")).build();
  }

  private ChatResponse call(Door door, ChatRequest request, RequestOptions options) throws Exception {
    switch (door) {
      case ROUTE:
        return gateway.route(request, options);
      case ROUTE_ASYNC:
        try {
          return gateway.routeAsync(request, options).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw (Exception) e.getCause();
        }
      default:
        return gateway.routeStream(request, options).collect();
    }
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void restrictedDataReachesOnlyLocalTargetsWhateverTheStrategy(Door door) throws Exception {
    for (String route : List.of("fallback", "weighted", "cond-x", "least-latency", "cost", "hedged", "retry", "nested")) {
      String model = route.equals("cond-x") ? "conditional" : route;
      ChatRequest request = restricted(model);
      if (route.equals("cond-x")) {
        request = request.toBuilder().model("conditional").build();
      }
      ChatResponse r;
      try {
        r = call(door, request, RequestOptions.none());
      } catch (NoRouteException e) {
        // "conditional" is matched on the model alias only through its prefix rule; a non-matching alias has no route
        assertThat(route).isEqualTo("cond-x");
        continue;
      }
      assertThat(r.metadata().provider()).as(route).isIn("local", "flaky-local");
    }
    assertThat(cloudA.calls() + cloudB.calls()).isZero();
    assertThat(cloudSaw).isEmpty();
    // the local model saw placeholders, never the card number itself
    assertThat(localSaw).isNotEmpty().noneMatch(t -> t.contains("4111"));
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void withNoLocalTargetTheRequestIsRefusedNeverDowngraded(Door door) {
    assertThatThrownBy(() -> call(door, restricted("single-cloud"), RequestOptions.none()))
        .isInstanceOfSatisfying(NoRouteException.class, e -> assertThat(e.rejections()).singleElement()
            .satisfies(rej -> assertThat(rej.reason()).contains("RESTRICTED")));
    assertThat(cloudA.calls()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aClientCannotLabelItsOwnRequestPublic(Door door) {
    RequestOptions forged = RequestOptions.builder().metadata("classification", "PUBLIC").build();
    assertThatThrownBy(() -> call(door, restricted("single-cloud"), forged)).isInstanceOf(NoRouteException.class);
    assertThat(cloudA.calls()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void unrestrictedDataStillUsesTheCloud(Door door) throws Exception {
    ChatRequest plain = ChatRequest.builder().model("single-cloud").addMessage(Message.user("What is 2+2?")).build();
    assertThat(call(door, plain, RequestOptions.none()).metadata().provider()).isEqualTo("cloud-a");
  }

  @Test
  void embeddingsObeyResidencyToo() {
    EmbeddingRequest restricted = EmbeddingRequest.builder().model("fallback").addInput("card " + CARD).build();
    assertThat(gateway.embed(restricted).metadata().provider()).isEqualTo("local");
    assertThatThrownBy(() -> gateway.embed(restricted.toBuilder().model("single-cloud").build()))
        .isInstanceOf(NoRouteException.class);
    assertThat(cloudA.calls() + cloudB.calls()).isZero();
  }

  @Test
  void theLocalTargetFailingDoesNotOpenTheCloud() {
    MockProvider broken = MockProvider.builder("broken-local").failures(FailurePlan.sequence(503, 503, 503)).build();
    try (Gateway g = Gateway.builder().provider(broken, true).provider(cloudA).plugin(GuardrailPlugin.defaults())
        .route("r", Strategy.fallback(Target.of("broken-local"), Target.builder("cloud").provider("cloud-a").build()))
        .build()) {
      assertThatThrownBy(() -> g.route(restricted("r"))).isInstanceOf(GatewayException.class);
    }
    assertThat(cloudA.calls()).isZero();
  }
}
