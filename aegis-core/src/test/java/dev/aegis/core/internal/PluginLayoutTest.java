package dev.aegis.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Ticker;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.SplitPlugin;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.internal.auth.InMemoryKeyStore;
import dev.aegis.core.routing.PriceTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache's place among the built-ins and the user's plugins, whatever order they were given in. */
class PluginLayoutTest {
  private static final Plugin TAGGER = named("tagger");
  private static final Plugin AUDITOR = named("auditor");
  private final ResponseCache cache = ResponseCache.builder().build();
  private final Governance governance = fullGovernance();

  @AfterEach
  void close() {
    governance.close();
  }

  @Test
  void theCacheSitsAfterGovernanceAndInputGuardrailsAndBeforeTheOutputHalfAndTheTargetChecks() {
    List<Plugin> user = List.of(TAGGER, split("guardrails"), AUDITOR);
    assertThat(names(governance.plugins(user, cache))).containsExactly(
        "load-shedding", "auth", "limits", "budget", "usage",
        "tagger", "guardrails.input", "auditor",
        "cache",
        "guardrails.output",
        "context-window");
  }

  @Test
  void withoutACacheASplitPluginRunsWholeAndTheUsersOrderIsKept() {
    List<Plugin> user = List.of(AUDITOR, split("guardrails"), TAGGER);
    assertThat(names(governance.plugins(user, null))).containsExactly(
        "load-shedding", "auth", "limits", "budget", "usage", "auditor", "guardrails", "tagger", "context-window");
    assertThat(names(governance.plugins(user))).isEqualTo(names(governance.plugins(user, null)));
  }

  @Test
  void twoSplitPluginsNestAroundTheCache() {
    List<Plugin> order = PluginLayout.arrange(List.of(), List.of(split("pii"), split("toxicity")), cache, List.of());
    assertThat(names(order)).containsExactly("pii.input", "toxicity.input", "cache", "toxicity.output", "pii.output");
  }

  @Test
  void aGatewayWithOnlyACachePutsItBetweenTheBuiltInsAndTheTargetCheck() {
    assertThat(names(governance.plugins(List.of(), cache))).containsExactly(
        "load-shedding", "auth", "limits", "budget", "usage", "cache", "context-window");
  }

  private static List<String> names(List<Plugin> plugins) {
    return plugins.stream().map(Plugin::name).collect(Collectors.toList());
  }

  private static Plugin named(String name) {
    return new Plugin() {
      @Override
      public String name() {
        return name;
      }
    };
  }

  private static SplitPlugin split(String name) {
    Plugin input = named(name + ".input");
    Plugin output = named(name + ".output");
    return new SplitPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Plugin inputStage() {
        return input;
      }

      @Override
      public Plugin outputStage() {
        return output;
      }
    };
  }

  private static Governance fullGovernance() {
    Governance.Settings s = new Governance.Settings(new InMemoryKeyStore(),
        List.of(RateLimit.requests(RateLimit.Scope.TENANT, 10, Duration.ofMinutes(1))), null,
        List.of(Budget.of("monthly", Budget.Scope.TENANT, "10.00", Budget.Period.MONTHLY)), null, 0.1, List.of(),
        null, true, 8, Duration.ofSeconds(1), null, 4096, Duration.ofSeconds(1));
    return Governance.assemble(s, new ArrayList<>(), Map.of(), null, PriceTable.NONE, Ticker.system(),
        Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), 16);
  }
}
