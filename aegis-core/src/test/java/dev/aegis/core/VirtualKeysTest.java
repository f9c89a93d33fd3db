package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.auth.KeyPolicy;
import dev.aegis.api.auth.Scope;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.AuthenticationException;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.api.error.PermissionDeniedException;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Virtual keys end to end on the three doors: auth, expiry, rotation, revocation, allow-lists, remapping. */
class VirtualKeysTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-06-01T12:00:00Z"));
  private final MockProvider mock = MockProvider.builder("mock").echo().build();
  private final MockProvider other = MockProvider.builder("other").reply("from other").build();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private Gateway gateway;

  private Gateway gateway() {
    gateway = Gateway.builder()
        .provider(mock)
        .provider(other)
        .route("smart", Strategy.single(Target.of("mock")))
        .route("fast-a", Strategy.single(Target.of("mock")))
        .route("elsewhere", Strategy.single(Target.of("other")))
        .route("both", Strategy.fallback(Strategy.single(Target.of("other")), Strategy.single(Target.of("mock"))))
        .clock(clock)
        .virtualKeys()
        .plugin(new Plugin() {
          @Override
          public RequestDecision onRequest(Exchange exchange) {
            Principal p = exchange.principal();
            seen.add(p.id() + "/" + p.tenant() + "/" + p.keyId() + "/" + exchange.request().model() + "/"
                + exchange.labels().asMap().get("guardrail_profile"));
            return RequestDecision.proceed();
          }
        })
        .build();
    return gateway;
  }

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static ChatRequest ask(String model, String text) {
    return ChatRequest.builder().model(model).addMessage(Message.user(text)).build();
  }

  private static RequestOptions with(String secret) {
    return RequestOptions.builder().credential(secret).build();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aValidKeyResolvesToItsPrincipal(Door door) {
    IssuedKey k = gateway().virtualKeys().issue(VirtualKey.builder().tenant("acme").user("alice").build());
    ChatResponse r = door.call(gateway, ask("smart", "hi"), with(k.secret()));
    assertThat(r.text()).isEqualTo("hi");
    assertThat(seen).containsExactly("alice/acme/" + k.key().id() + "/smart/null");
    assertThat(k.secret()).startsWith("aegis_" + k.key().id() + "_").hasSize(6 + 12 + 1 + 43);
    assertThat(k.toString()).doesNotContain(k.secret().substring(19));
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void missingUnknownAndTamperedKeysAreRefusedBeforeAnyProviderCall(Door door) {
    IssuedKey k = gateway().virtualKeys().issue(VirtualKey.builder().tenant("acme").build());
    assertThatThrownBy(() -> door.call(gateway, ask("smart", "hi"), RequestOptions.none()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("no credential: the request carries no virtual key");
    assertThatThrownBy(() -> door.call(gateway, ask("smart", "hi"), with("sk-not-ours")))
        .isInstanceOf(AuthenticationException.class).hasMessage("unknown virtual key");
    String tampered = k.secret().substring(0, k.secret().length() - 1)
        + (k.secret().endsWith("A") ? "B" : "A");
    assertThatThrownBy(() -> door.call(gateway, ask("smart", "hi"), with(tampered)))
        .isInstanceOf(AuthenticationException.class).hasMessage("unknown virtual key")
        .satisfies(e -> assertThat(((AuthenticationException) e).kind()).isEqualTo(ErrorKind.AUTHENTICATION));
    assertThat(mock.calls()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aHostGivenPrincipalNeedsNoKey(Door door) {
    gateway();
    ChatResponse r = door.call(gateway, ask("smart", "ok"),
        RequestOptions.builder().principal(Principal.of("svc", "acme")).build());
    assertThat(r.text()).isEqualTo("ok");
    assertThat(seen).containsExactly("svc/acme/null/smart/null");
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void anExpiredKeyIsRefused(Door door) {
    IssuedKey k = gateway().virtualKeys().issue(VirtualKey.builder()
        .expiresAt(Instant.parse("2026-06-01T13:00:00Z")).build());
    assertThat(door.call(gateway, ask("smart", "before"), with(k.secret())).text()).isEqualTo("before");
    clock.set(Instant.parse("2026-06-01T13:00:00Z"));
    assertThatThrownBy(() -> door.call(gateway, ask("smart", "after"), with(k.secret())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("virtual key '" + k.key().id() + "' expired at 2026-06-01T13:00:00Z");
    assertThat(mock.calls()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aRotatedKeysOldSecretWorksOnlyDuringTheGracePeriod(Door door) {
    IssuedKey first = gateway().virtualKeys().issue(VirtualKey.builder().tenant("acme").build());
    IssuedKey second = gateway.virtualKeys().rotate(first.key().id(), Duration.ofMinutes(5));
    assertThat(second.key().id()).isEqualTo(first.key().id());
    assertThat(second.secret()).isNotEqualTo(first.secret());
    assertThat(door.call(gateway, ask("smart", "old"), with(first.secret())).text()).isEqualTo("old");
    assertThat(door.call(gateway, ask("smart", "new"), with(second.secret())).text()).isEqualTo("new");
    clock.advance(Duration.ofMinutes(5));
    assertThatThrownBy(() -> door.call(gateway, ask("smart", "old"), with(first.secret())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("virtual key '" + first.key().id() + "' was rotated and its old secret's grace period is over");
    assertThat(door.call(gateway, ask("smart", "new"), with(second.secret())).text()).isEqualTo("new");
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aRevokedKeyIsRefusedAtOnce(Door door) {
    IssuedKey k = gateway().virtualKeys().issue(VirtualKey.builder().tenant("acme").build());
    assertThat(door.call(gateway, ask("smart", "a"), with(k.secret())).text()).isEqualTo("a");
    assertThat(gateway.virtualKeys().revoke(k.key().id())).isTrue();
    assertThat(gateway.virtualKeys().revoke(k.key().id())).isFalse();
    assertThatThrownBy(() -> door.call(gateway, ask("smart", "b"), with(k.secret())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("virtual key '" + k.key().id() + "' was revoked");
    assertThat(gateway.virtualKeys().describe(k.key().id()).orElseThrow().revokedAt())
        .isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
    assertThat(mock.calls()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void modelAllowListsAreEnforcedBeforeAnyProviderCall(Door door) {
    IssuedKey k = gateway().virtualKeys().issue(VirtualKey.builder().allowModel("fast-*").build());
    assertThat(door.call(gateway, ask("fast-a", "ok"), with(k.secret())).text()).isEqualTo("ok");
    assertThatThrownBy(() -> door.call(gateway, ask("smart", "no"), with(k.secret())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("virtual key '" + k.key().id() + "' may not use model 'smart'");
    assertThat(mock.calls()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void providerAllowListsRefuseAnAliasWithNoAllowedProviderAndDropDisallowedTargets(Door door) {
    IssuedKey k = gateway().virtualKeys().issue(VirtualKey.builder().allowProvider("mock").build());
    assertThatThrownBy(() -> door.call(gateway, ask("elsewhere", "no"), with(k.secret())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("virtual key '" + k.key().id() + "' may not use any provider of model 'elsewhere'");
    // "both" falls back from other to mock: other is dropped for this key, mock serves
    ChatResponse r = door.call(gateway, ask("both", "via mock"), with(k.secret()));
    assertThat(r.text()).isEqualTo("via mock");
    assertThat(r.metadata().target()).isEqualTo("mock");
    assertThat(other.calls()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aKeysPolicyRemapsAliasesAndLabelsItsGuardrailProfile(Door door) {
    IssuedKey k = gateway().virtualKeys().issue(VirtualKey.builder().tenant("acme")
        .allowModel("smart").policy(new KeyPolicy("strict", Map.of("gpt-4o", "smart"))).build());
    ChatResponse r = door.call(gateway, ask("gpt-4o", "remapped"), with(k.secret()));
    assertThat(r.text()).isEqualTo("remapped");
    assertThat(r.metadata().target()).isEqualTo("mock");
    assertThat(seen).containsExactly(k.key().id() + "/acme/" + k.key().id() + "/smart/strict");
  }

  @Test
  void aKeyWithoutTheInferenceScopeIsRefused() {
    IssuedKey k = gateway().virtualKeys().issue(VirtualKey.builder().scope(Scope.ADMIN).build());
    assertThatThrownBy(() -> gateway.route(ask("smart", "x"), with(k.secret())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("virtual key '" + k.key().id() + "' has no inference scope");
  }

  @Test
  void modelsListsOnlyTheAliasesTheKeyMayUse() {
    IssuedKey k = gateway().virtualKeys().issue(VirtualKey.builder().allowModel("fast-*").allowModel("both").build());
    assertThat(gateway.models(with(k.secret())).stream().map(ModelInfo::id).collect(Collectors.toList()))
        .containsExactly("both", "fast-a");
    assertThat(gateway.models(RequestOptions.none()).stream().map(ModelInfo::id).collect(Collectors.toList()))
        .containsExactly("both", "elsewhere", "fast-a", "smart");
  }

  @Test
  void listAndDescribeNeverExposeSecrets() {
    IssuedKey a = gateway().virtualKeys().issue(VirtualKey.builder().id("keyA1").tenant("acme").name("ci").build());
    IssuedKey b = gateway.virtualKeys().issue(VirtualKey.builder().id("keyB2").tenant("beta").build());
    assertThat(gateway.virtualKeys().list("acme")).containsExactly(a.key());
    assertThat(gateway.virtualKeys().list(null)).containsExactly(a.key(), b.key());
    assertThat(a.key().toString()).isEqualTo("VirtualKey{id=keyA1, tenant=acme, user=null, models=[], "
        + "scopes=[INFERENCE]}");
    assertThatThrownBy(() -> gateway.virtualKeys().issue(VirtualKey.builder().id("keyA1").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a virtual key with id 'keyA1' already exists");
  }
}
