package dev.aegis.examples.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.thirdparty.AuditPluginFactory;
import com.example.thirdparty.TestStoreFactory;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ConfigException;
import dev.aegis.core.Gateway;
import dev.aegis.core.config.GatewayConfig;
import org.junit.jupiter.api.Test;

/** Types a third-party jar adds (a plugin and a store) are found by ServiceLoader and validated like built-ins. */
class ThirdPartyFactoryTest {
  private static final String BASE = String.join("\n",
      "providers:",
      "  m: {type: mock, reply: hi}",
      "routes:",
      "  r: {provider: m}",
      "");

  @Test
  void aThirdPartyPluginAndStoreAreDiscoveredConfiguredAndRun() {
    String yaml = BASE + String.join("\n",
        "plugins:",
        "  - {type: test-audit, label: audit, sampleRate: 0.5}",
        "stores:",
        "  remote: {type: test-store, url: \"${sys:aegis.test.store.url}\"}",
        "limits:",
        "  store: remote",
        "  rules: [{scope: tenant, kind: requests, amount: 10, per: 1m}]",
        "");
    System.setProperty("aegis.test.store.url", "redis://user:pw@localhost:6379");
    AuditPluginFactory.SEEN.clear();
    TestStoreFactory.EVENTS.clear();
    try (Gateway g = Gateway.builder().config(GatewayConfig.parse(yaml, "aegis.yaml")).build()) {
      assertThat(g.route(ChatRequest.builder().model("r").addMessage(Message.user("x")).build()).text())
          .isEqualTo("hi");
      assertThat(AuditPluginFactory.SEEN).containsExactly("audit r rate=0.5");
      assertThat(TestStoreFactory.EVENTS).containsExactly("created with url", "limit checked", "settled");
    } finally {
      System.clearProperty("aegis.test.store.url");
    }
    assertThat(TestStoreFactory.EVENTS).endsWith("closed");
  }

  @Test
  void aThirdPartyTypesDeclaredSettingsAreValidatedWithHints() {
    String yaml = BASE + String.join("\n",
        "plugins:",
        "  - {type: test-audit, lable: audit, sampleRate: -1}",
        "  - {type: test-audt}",
        "stores:",
        "  remote: {type: test-store}",
        "");
    assertThatThrownBy(() -> GatewayConfig.parse(yaml, "aegis.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
            .containsExactly(
                "plugins[0].lable: unknown key; did you mean \"label\"?",
                "plugins[0].sampleRate: must be >= 0 but was -1",
                "plugins[0].label: is required (Written before each entry.)",
                "plugins[1].type: unknown plugin type 'test-audt'; did you mean \"test-audit\"?",
                "stores.remote.url: is required (Where the store lives.)"));
  }
}
