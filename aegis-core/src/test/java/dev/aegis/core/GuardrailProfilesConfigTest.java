package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.auth.KeyPolicy;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.error.GuardrailViolationException;
import dev.aegis.core.config.GatewayConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guardrail profiles in a file: a virtual key's profile picks its rule set; mistakes inside a profile have its path. */
class GuardrailProfilesConfigTest {
  private static final String FILE = String.join("\n",
      "providers:",
      "  mock: {type: mock, reply: hello}",
      "routes:",
      "  chat: {provider: mock}",
      "virtualKeys: {enabled: true}",
      "plugins:",
      "  - type: guardrails",
      "    defaults: false",
      "    rules:",
      "      - {type: keywords, name: codenames, words: [bluebird], action: warn}",
      "    unclassify: [EMAIL]",
      "    hallucinationDetectors: [email]",
      "    profiles:",
      "      strict:",
      "        defaults: false",
      "        maxMessages: 3",
      "        rules:",
      "          - {type: keywords, name: codenames, words: [bluebird], action: block}",
      "");

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("chat").addMessage(Message.user(text)).build();
  }

  @Test
  void aKeysGuardrailProfilePicksTheProfilesRulesAndOtherKeysKeepThePluginsOwn() {
    try (Gateway g = Gateway.builder().config(GatewayConfig.parse(FILE, "aegis.yaml")).build()) {
      String plain = g.virtualKeys().issue(VirtualKey.builder().tenant("acme").build()).secret();
      String strict = g.virtualKeys().issue(VirtualKey.builder().tenant("acme")
          .policy(new KeyPolicy("strict", Map.of())).build()).secret();
      String unknown = g.virtualKeys().issue(VirtualKey.builder().tenant("acme")
          .policy(new KeyPolicy("lenient", Map.of())).build()).secret();

      assertThat(g.route(ask("about bluebird"), RequestOptions.builder().credential(plain).build()).text())
          .isEqualTo("hello");
      assertThat(g.route(ask("about bluebird"), RequestOptions.builder().credential(unknown).build()).text())
          .isEqualTo("hello");
      assertThatThrownBy(() -> g.route(ask("about bluebird"), RequestOptions.builder().credential(strict).build()))
          .isInstanceOf(GuardrailViolationException.class).hasMessageContaining("codenames");
      assertThat(g.route(ask("about sparrows"), RequestOptions.builder().credential(strict).build()).text())
          .isEqualTo("hello");
    }
  }

  @Test
  void mistakesInsideAProfileAreReportedWithTheProfilesPath() {
    String bad = FILE.replace("action: block", "action: blok").replace("hallucinationDetectors: [email]",
        "hallucinationDetectors: [email, regex]");
    assertThatThrownBy(() -> {
      try (Gateway g = Gateway.builder().config(GatewayConfig.parse(bad, "aegis.yaml")).build()) {
        g.describe();
      }
    }).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
        .containsExactly("plugins[0].profiles.strict.rules[0].action: must be one of [block, warn, log, redact, mask] but was 'blok'; did you mean \"block\"?"));
    String unfit = FILE.replace("hallucinationDetectors: [email]", "hallucinationDetectors: [email, regex]");
    assertThatThrownBy(() -> Gateway.builder().config(GatewayConfig.parse(unfit, "aegis.yaml")).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
            .containsExactly("plugins[0].hallucinationDetectors[1]: has settings of its own; name a detector type"
                + " without any, not 'regex'"));
  }
}
