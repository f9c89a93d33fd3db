package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.error.ModelNotFoundException;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Invalid builder input fails at build() with every problem named by its path. */
class BuilderValidationTest {

  private static ConfigException buildFails(Gateway.Builder b) {
    try {
      b.build().close();
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("build() should have failed");
  }

  @Test
  void noProvider() {
    ConfigException e = buildFails(Gateway.builder().route("demo", Strategy.single(Target.of("mock"))));
    assertThat(e.problems()).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo("providers");
      assertThat(p.rule()).contains("at least one provider");
    });
  }

  @Test
  void duplicateProviderName() {
    ConfigException e = buildFails(Gateway.builder()
        .provider(MockProvider.builder("mock").build())
        .provider(MockProvider.builder("mock").build())
        .route("demo", Strategy.single(Target.of("mock"))));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("providers.mock");
      assertThat(p.rule()).isEqualTo("duplicate provider name");
    });
  }

  @Test
  void strategyNamingAnUnknownProvider() {
    ConfigException e = buildFails(Gateway.builder()
        .provider(MockProvider.builder("mock").build())
        .route("demo", Strategy.single(Target.of("openai", "gpt-4o"))));
    assertThat(e.getMessage()).contains("routes.demo.target.provider").contains("unknown provider 'openai'")
        .contains("[mock]");
  }

  @Test
  void nullArgumentsAreReportedAtBuild() {
    Gateway.Builder b = Gateway.builder()
        .provider((dev.aegis.api.provider.Provider) null)
        .plugin(null)
        .hook(null)
        .route("demo", null)
        .requestTimeout(Duration.ZERO);
    ConfigException e = buildFails(b);
    assertThat(e.problems()).extracting(ConfigException.Problem::path)
        .contains("providers[0]", "plugins[0]", "hooks[0]", "routes.demo", "requestTimeout", "providers");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e = buildFails(Gateway.builder()
        .provider(MockProvider.builder("mock").build())
        .route("a", Strategy.single(Target.of("x")))
        .route("b", Strategy.single(Target.of("y")))
        .defaultRoute("c"));
    assertThat(e.problems()).hasSize(3);
    assertThat(e.getMessage()).contains("3 problems");
  }

  @Test
  void providersByTypeComeFromTheServiceLoader() {
    try (Gateway g = Gateway.builder()
        .provider(ProviderConfig.builder("m1", "mock").option("reply", "configured").build())
        .route("demo", Strategy.single(Target.of("m1")))
        .build()) {
      assertThat(g.route(ChatRequest.builder().model("demo").addMessage(Message.user("hi")).build()).text())
          .isEqualTo("configured");
    }
    ConfigException e = buildFails(Gateway.builder()
        .provider(ProviderConfig.builder("x", "no-such-type").build())
        .provider(ProviderConfig.builder("m", "mock").option("chunks", "zero").build())
        .route("demo", Strategy.single(Target.of("x"))));
    assertThat(e.getMessage()).contains("providers.x.type").contains("unknown provider type 'no-such-type'")
        .contains("providers.m.options.chunks");
  }

  @Test
  void twoInstancesOfOneProviderTypeWork() {
    try (Gateway g = Gateway.builder()
        .provider(ProviderConfig.builder("account-a", "mock").option("reply", "from a").build())
        .provider(ProviderConfig.builder("account-b", "mock").option("reply", "from b").build())
        .route("a", Strategy.single(Target.of("account-a")))
        .route("b", Strategy.single(Target.of("account-b")))
        .build()) {
      assertThat(g.route(ChatRequest.builder().model("a").addMessage(Message.user("hi")).build()).text()).isEqualTo("from a");
      assertThat(g.route(ChatRequest.builder().model("b").addMessage(Message.user("hi")).build()).text()).isEqualTo("from b");
    }
  }

  @Test
  void unknownModelListsTheKnownOnes() {
    try (Gateway g = Gateway.builder().provider(MockProvider.builder("mock").build())
        .route("fast", Strategy.single(Target.of("mock"))).route("smart", Strategy.single(Target.of("mock"))).build()) {
      assertThatThrownBy(() -> g.route(ChatRequest.builder().model("gpt-5").addMessage(Message.user("hi")).build()))
          .isInstanceOf(ModelNotFoundException.class)
          .hasMessageContaining("unknown model 'gpt-5'").hasMessageContaining("[fast, smart]");
      assertThat(g.models()).extracting(m -> m.id()).containsExactly("fast", "smart");
    }
  }
}
