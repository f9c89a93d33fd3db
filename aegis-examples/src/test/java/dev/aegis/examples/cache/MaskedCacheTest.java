package dev.aegis.examples.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.GatewayException;
import dev.aegis.core.Gateway;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.cache.internal.CacheCodec;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.guardrails.GuardrailPlugin;
import dev.aegis.providers.mock.MockProvider;
import dev.aegis.api.limit.RateLimit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache between the guardrail halves (input stage → cache → output stage): what lands in the
 * Caffeine map is masked and scanned, never a raw card number or email; two users sending the
 * same masked prompt each get their own values back from one entry; an answer the output
 * guardrail blocks is never stored. On all three doors, with the halves placed by hand and with
 * the builder placing the cache ({@code Gateway.builder().cache(...)}) in either call order,
 * beside a rate limit so the governance built-ins run too.
 */
class MaskedCacheTest {
  private static final String CARD_A = "4111 1111 1111 1111";
  private static final String CARD_B = "5500 0000 0000 0004";
  private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final RequestOptions ANN = RequestOptions.builder().principal(Principal.of("ann", "acme")).build();
  private static final RequestOptions BOB = RequestOptions.builder().principal(Principal.of("bob", "acme")).build();

  enum Door { ROUTE, ROUTE_ASYNC, STREAM }

  /** How the cache and the guardrails reach the gateway. */
  enum Placement {
    /** {@code .plugin(inputStage()).plugin(cache).plugin(outputStage())}. */
    BY_HAND,
    /** {@code .cache(cache)} first, then {@code .plugin(guardrails)}: the builder splits them. */
    CACHE_FIRST,
    /** {@code .plugin(guardrails)} first, then {@code .cache(cache)}. */
    GUARDRAILS_FIRST
  }

  static Stream<Arguments> everyDoorAndPlacement() {
    return Arrays.stream(Door.values())
        .flatMap(d -> Arrays.stream(Placement.values()).map(p -> Arguments.of(d, p)));
  }

  private final List<String> upstreamSaw = new CopyOnWriteArrayList<>();
  private final InMemoryCacheStore store = InMemoryCacheStore.builder().build();
  private Gateway gateway;

  private Gateway gateway(MockProvider.Builder provider, Placement placement) {
    return gateway(provider, placement, GuardrailPlugin.defaults());
  }

  private Gateway gateway(MockProvider.Builder provider, Placement placement, GuardrailPlugin guardrails) {
    Gateway.Builder b = Gateway.builder()
        .provider(provider.onCall(r -> upstreamSaw.add(r.messages().get(r.messages().size() - 1).text())).build(), true)
        .route("local", Strategy.single(Target.of("mock")))
        .limit(RateLimit.requests(RateLimit.Scope.TENANT, 100, Duration.ofMinutes(1)));
    ResponseCache cache = ResponseCache.builder().store(store).build();
    switch (placement) {
      case BY_HAND:
        b.plugin(guardrails.inputStage()).plugin(cache).plugin(guardrails.outputStage());
        break;
      case CACHE_FIRST:
        b.cache(cache).plugin(guardrails);
        break;
      default:
        b.plugin(guardrails).cache(cache);
        break;
    }
    gateway = b.build();
    return gateway;
  }

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static ChatResponse call(Door door, Gateway g, ChatRequest r, RequestOptions o) throws Exception {
    switch (door) {
      case ROUTE:
        return g.route(r, o);
      case ROUTE_ASYNC:
        try {
          return g.routeAsync(r, o).get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          throw (RuntimeException) e.getCause();
        }
      default:
        return g.routeStream(r, o).collect();
    }
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("local").addMessage(Message.user(text)).temperature(0.0).build();
  }

  private String storedText() {
    StringBuilder sb = new StringBuilder();
    for (byte[] v : store.snapshot().values()) {
      sb.append(new String(CacheCodec.plain(v), StandardCharsets.UTF_8)).append('\n');
    }
    return sb.toString();
  }

  @ParameterizedTest
  @MethodSource("everyDoorAndPlacement")
  void theCacheHoldsMaskedAnswersAndEachCallerGetsItsOwnValues(Door door, Placement placement) throws Exception {
    Gateway g = gateway(MockProvider.builder("mock").echo().chunks(4), placement);
    ChatResponse ann = call(door, g, ask("Refund card " + CARD_A + " for ann@example.com"), ANN);
    assertThat(ann.text()).isEqualTo("Refund card " + CARD_A + " for ann@example.com");
    assertThat(ann.metadata().cache()).isEqualTo(CacheResult.MISS);

    assertThat(store.size()).isEqualTo(1);
    String stored = storedText();
    assertThat(stored).contains("<CREDIT_CARD_1>", "<EMAIL_1>")
        .doesNotContain(CARD_A, "4111111111111111", "ann@example.com");

    // Bob's prompt masks to the same text: one entry, his own values restored
    ChatResponse bob = call(door, g, ask("Refund card " + CARD_B + " for bob@example.com"), BOB);
    assertThat(bob.metadata().cacheHit()).isTrue();
    assertThat(bob.text()).isEqualTo("Refund card " + CARD_B + " for bob@example.com");
    assertThat(upstreamSaw).containsExactly("Refund card <CREDIT_CARD_1> for <EMAIL_1>");
    assertThat(store.size()).isEqualTo(1);
    assertThat(storedText()).doesNotContain(CARD_B, "bob@example.com");
  }

  @ParameterizedTest
  @MethodSource("everyDoorAndPlacement")
  void anAnswerTheOutputGuardrailBlocksIsNeverStored(Door door, Placement placement) throws Exception {
    Gateway g = gateway(MockProvider.builder("mock").reply("Sure: " + AWS_KEY), placement);
    assertThatThrownBy(() -> call(door, g, ask("what is the deploy key?"), ANN))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("guardrail rule 'secrets' blocked the output");
    assertThat(store.size()).isZero();
    assertThatThrownBy(() -> call(door, g, ask("what is the deploy key?"), ANN))
        .isInstanceOf(GatewayException.class);
    assertThat(upstreamSaw).hasSize(2);
  }

  @ParameterizedTest
  @MethodSource("everyDoorAndPlacement")
  void redactedOutputIsStoredRedacted(Door door, Placement placement) throws Exception {
    // a card the caller never sent, in the answer: hallucinated PII is warned; with REDACT for
    // output cards the cache keeps the redacted text
    GuardrailPlugin guardrails = GuardrailPlugin.builder().defaults()
        .rule(dev.aegis.guardrails.Rule.of("payment-card", dev.aegis.guardrails.detect.Detectors.paymentCard(),
            dev.aegis.guardrails.Action.REDACT).scope(dev.aegis.guardrails.Rule.Scope.OUTPUT))
        .build();
    gateway(MockProvider.builder("mock").reply("Use card " + CARD_B + " instead."), placement, guardrails);
    ChatResponse first = call(door, gateway, ask("which card?"), ANN);
    assertThat(first.text()).isEqualTo("Use card [CREDIT_CARD] instead.");
    assertThat(storedText()).contains("[CREDIT_CARD]").doesNotContain(CARD_B, "5500000000000004");
    ChatResponse second = call(door, gateway, ask("which card?"), ANN);
    assertThat(second.metadata().cacheHit()).isTrue();
    assertThat(second.text()).isEqualTo("Use card [CREDIT_CARD] instead.");
  }
}
