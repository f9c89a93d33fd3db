package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.budget.Budget;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.config.GatewayConfig;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.resilience.RetryBudget;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.FallbackTrigger;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration file: every mistake at once with its path and hint; the same gateway as the builder's; secrets. */
class ConfigFileTest {

  @Test
  void aFileWithFiveMistakesYieldsExactlyFiveProblemsWithPathsAndHints() {
    String yaml = String.join("\n",
        "providers:",
        "  openai:",
        "    type: mock",
        "    apiKey: ${env:AEGIS_TEST_UNSET_KEY_15}",
        "routes:",
        "  smart:",
        "    type: weighted",
        "    targets:",
        "      - provider: openai",
        "        retires: {maxAttempts: 2}",
        "      - provider: openai",
        "        model: m2",
        "        weight: 0",
        "  cheap:",
        "    provider: opnai",
        "requestTimeout: 30",
        "");
    assertThatThrownBy(() -> GatewayConfig.parse(yaml, "aegis.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
            .containsExactly(
                "providers.openai.apiKey: secret ${env:AEGIS_TEST_UNSET_KEY_15} is not set",
                "routes.smart.targets[0].retires: unknown key; did you mean \"retry\"?",
                "routes.smart.targets[1].weight: must be > 0 but was 0",
                "requestTimeout: must be a duration such as 500ms, 30s, 5m or 2h but was the number 30",
                "routes.cheap.provider: unknown provider 'opnai'; did you mean \"openai\"?"));
  }

  @Test
  void unknownTypesDuplicateNamesAndAllowedValuesAreReportedTogether() {
    String yaml = String.join("\n",
        "providers:",
        "  a: {type: antropic}",
        "  b: {type: mock}",
        "  b: {type: mock}",
        "routes:",
        "  r: {type: fallbak, targets: [{provider: b}]}",
        "limits:",
        "  rules: [{scope: tenat, kind: requests, amount: 5}]",
        "");
    assertThatThrownBy(() -> GatewayConfig.parse(yaml, "aegis.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
            .containsExactly(
                "providers.b: duplicate key (lines 3 and 4); each name may appear once",
                "providers.a.type: unknown provider type 'antropic'; did you mean \"anthropic\"?",
                "routes.r.type: unknown strategy type 'fallbak'; did you mean \"fallback\"?",
                "limits.rules[0].scope: must be one of [key, tenant, user, model] but was 'tenat'; did you mean "
                    + "\"tenant\"?"));
  }

  /** What the file leaves out stays as the code set it, top-level settings included. */
  @Test
  void settingsTheFileLeavesOutStayAsTheCodeSetThem() {
    GatewayConfig file = GatewayConfig.parse("providers:\n  a: {type: mock}\nroutes:\n  chat: {provider: a}\n", "aegis.yaml");
    try (Gateway g = Gateway.builder().requestTimeout(Duration.ofSeconds(11)).streamIdleTimeout(Duration.ofSeconds(12))
        .closeGracePeriod(Duration.ofSeconds(13)).hookWorkers(3).hookQueueCapacity(14).config(file).build()) {
      assertThat(g.describe()).contains("hooks 0 workers=3 queue=14\n",
          "timeouts request=PT11S streamIdle=PT12S closeGrace=PT13S\n");
    }
    GatewayConfig overriding = GatewayConfig.parse("providers:\n  a: {type: mock}\nroutes:\n  chat: {provider: a}\n"
        + "requestTimeout: 30s\nhookWorkers: 2\n", "aegis.yaml");
    try (Gateway g = Gateway.builder().requestTimeout(Duration.ofSeconds(11)).hookWorkers(3).config(overriding).build()) {
      assertThat(g.describe()).contains("hooks 0 workers=2 queue=4096\n",
          "timeouts request=PT30S streamIdle=PT5M closeGrace=PT10S\n");
    }
  }

  /** Found by {@link ConfigMutationPropertiesTest}: values the schema let through but a builder refused. */
  @Test
  void valuesABuilderRefusesAreProblemsWithPathsNotExceptions() {
    String parsed = String.join("\n",
        "providers:",
        "  a: {type: mock, apiKey: ''}",
        "routes:",
        "  pick:",
        "    type: conditional",
        "    when:",
        "      - {field: model, eq: x, then: null}",
        "budgets:",
        "  rules:",
        "    - {name: '', scope: tenant, amount: 5, period: monthly}",
        "loadShedding:",
        "  maxInFlight: 99999999999999999999",
        "");
    assertThatThrownBy(() -> GatewayConfig.parse(parsed, "aegis.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
            .containsExactly(
                "providers.a.apiKey: must not be empty",
                "routes.pick.when[0].then: is required (The route when the condition holds.)",
                "budgets.rules[0].name: must not be empty",
                "loadShedding.maxInFlight: must be at most 9223372036854775807 but was 99999999999999999999"));
    String built = String.join("\n",
        "providers:",
        "  a: {type: mock}",
        "routes:",
        "  chat: {provider: a}",
        "retryBudget: {ratio: 12}",
        "loadShedding: {maxInFlight: 3000000000}",
        "");
    GatewayConfig config = GatewayConfig.parse(built, "aegis.yaml");
    assertThatThrownBy(() -> Gateway.builder().config(config).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
            .containsExactly(
                "loadShedding: maxInFlight must be at most 2147483647 but was 3000000000",
                "retryBudget: a retry budget's ratio must be between 0 and 1 but was 12.0"));
  }

  @Test
  void aSyntaxErrorNamesTheFileAndLineInTheGatewaysWords() {
    String yaml = "providers:\n  a:\n    type: mock\n   bad: [unclosed\n";
    assertThatThrownBy(() -> GatewayConfig.parse(yaml, "aegis.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.problems()).extracting(Object::toString).containsExactly(
              "aegis.yaml: not valid YAML at line 4; check the indentation and the colon after each key");
          assertThat(e.getMessage()).doesNotContain("jackson", "snakeyaml", "column");
          assertThat(e.getCause()).isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
        });
    assertThatThrownBy(() -> GatewayConfig.parse("{\"providers\": {\"a\": }", "aegis.json"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
            .containsExactly("aegis.json: not valid JSON at line 1; check for a missing comma, quote or brace"));
  }

  @Test
  void secretsAreResolvedAndNeverPrinted(@TempDir Path dir) throws Exception {
    String fromSys = "sk-proj-SYSVALUE0123456789";
    String fromFile = "file-secret-9f8e7d6c5b4a";
    Path secretFile = dir.resolve("key.txt");
    Files.writeString(secretFile, fromFile + "\n");
    System.setProperty("aegis.test.config.key", fromSys);
    try {
      String yaml = String.join("\n",
          "providers:",
          "  a:",
          "    type: mock",
          "    apiKey: ${sys:aegis.test.config.key}",
          "    headers: {X-Token: \"${file:" + secretFile + "}\"}",
          "routes:",
          "  r: {provider: a}",
          "");
      GatewayConfig config = GatewayConfig.parse(yaml, "aegis.yaml");
      assertThat(config.settings().objectMap("providers").get("a").secret("apiKey")).isEqualTo(fromSys);
      assertThat(config.settings().objectMap("providers").get("a").map("headers")).containsExactly(
          java.util.Map.entry("X-Token", fromFile));
      try (Gateway g = Gateway.builder().config(config).build()) {
        String printed = config + "\n" + config.settings() + "\n" + g.describe();
        assertThat(printed).doesNotContain(fromSys, fromFile).contains("apiKey=****");
      }
      // a problem elsewhere in the file never quotes the resolved value
      String bad = yaml.replace("  r: {provider: a}", "  r: {provider: a, weight: -1}");
      assertThatThrownBy(() -> GatewayConfig.parse(bad, "aegis.yaml"))
          .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
              .isEqualTo("invalid configuration (1 problem)\n  routes.r.weight: must be > 0 but was -1")
              .doesNotContain(fromSys, fromFile));
      String wrongType = yaml.replace("apiKey: ${sys:aegis.test.config.key}", "apiKey: 12345678");
      assertThatThrownBy(() -> GatewayConfig.parse(wrongType, "aegis.yaml"))
          .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
              .containsExactly("providers.a.apiKey: must be a secret (text or a reference such as ${env:NAME}) but "
                  + "was a number"));
    } finally {
      System.clearProperty("aegis.test.config.key");
    }
  }

  @Test
  void theBuilderAndTheFileBuildEqualGateways() {
    String yaml = String.join("\n",
        "providers:",
        "  primary: {type: mock, reply: hello, connectTimeout: 5s}",
        "  backup: {type: mock, echo: true, local: true}",
        "routes:",
        "  smart:",
        "    type: fallback",
        "    on: [content_filter]",
        "    targets:",
        "      - provider: primary",
        "        model: big",
        "        tags: [eu]",
        "        params: {temperature: \"0.2\"}",
        "        retry: {maxAttempts: 3, initialDelay: 100ms}",
        "        circuitBreaker: {consecutiveFailures: 2, openDuration: 1m}",
        "        attemptTimeout: 20s",
        "        maxConcurrency: 8",
        "      - type: weighted",
        "        targets:",
        "          - {provider: backup, weight: 3}",
        "          - {provider: primary, model: small, weight: 1}",
        "  fast:",
        "    type: hedged",
        "    delay: 250ms",
        "    targets: [{provider: primary}, {provider: backup}]",
        "  cheap: {type: cost, targets: [{provider: primary, model: small}, {provider: backup}]}",
        "  quick: {type: least-latency, exploration: 0.1, targets: [{provider: primary}, {provider: backup}]}",
        "defaultRoute: smart",
        "plugins:",
        "  - {type: cache, ttl: 10m, coalescing: true}",
        "virtualKeys: {enabled: true}",
        "limits:",
        "  rules:",
        "    - {scope: tenant, kind: requests, amount: 100, per: 1m}",
        "    - {scope: key, kind: tokens, amount: 50000, per: 1h, name: key.tokens}",
        "    - {scope: user, kind: concurrent, amount: 4}",
        "budgets:",
        "  lowThreshold: 0.2",
        "  rules: [{name: monthly, scope: tenant, amount: 250.5, period: monthly, zone: Europe/Berlin}]",
        "usage: {track: true}",
        "loadShedding: {maxInFlight: 64, retryAfter: 2s}",
        "retryBudget: {ratio: 0.1, window: 30s, minPerWindow: 5}",
        "contextWindow: {defaultMaxTokens: 2048}",
        "telemetry: {principalTags: true, logPrompts: false}",
        "requestTimeout: 90s",
        "streamIdleTimeout: 2m",
        "hookQueueCapacity: 128",
        "");
    FakeTime time = new FakeTime();
    try (Gateway fromFile = Gateway.builder().ticker(time).config(GatewayConfig.parse(yaml, "aegis.yaml")).build();
        Gateway inCode = Gateway.builder().ticker(time)
            .provider(ProviderConfig.builder("primary", "mock").option("reply", "hello")
                .connectTimeout(Duration.ofSeconds(5)).build())
            .provider(ProviderConfig.builder("backup", "mock").option("echo", "true").local(true).build())
            .route("smart", Strategy.fallback(
                Strategy.single(Target.builder("primary/big").provider("primary").model("big").tag("eu")
                    .param("temperature", 0.2).retry(RetryPolicy.builder().maxAttempts(3)
                        .initialDelay(Duration.ofMillis(100)).build())
                    .circuitBreaker(CircuitBreakerPolicy.builder().consecutiveFailures(2)
                        .openDuration(Duration.ofMinutes(1)).build())
                    .attemptTimeout(Duration.ofSeconds(20)).maxConcurrency(8).build()),
                Strategy.weighted().add(Target.of("backup"), 3)
                    .add(Target.of("primary", "small"), 1).build())
                .fallbackOn(FallbackTrigger.CONTENT_FILTER))
            .route("fast", Strategy.hedged(Duration.ofMillis(250), Strategy.single(Target.of("primary")),
                Strategy.single(Target.of("backup"))))
            .route("cheap", Strategy.cost(Strategy.single(Target.of("primary", "small")),
                Strategy.single(Target.of("backup"))))
            .route("quick", Strategy.leastLatency(Strategy.single(Target.of("primary")),
                Strategy.single(Target.of("backup"))).exploration(0.1))
            .defaultRoute("smart")
            .cache(ResponseCache.builder().ttl(Duration.ofMinutes(10)).coalescing(true).build())
            .virtualKeys()
            .limit(RateLimit.requests(RateLimit.Scope.TENANT, 100, Duration.ofMinutes(1)))
            .limit(RateLimit.tokens(RateLimit.Scope.KEY, 50_000, Duration.ofHours(1)).named("key.tokens"))
            .limit(RateLimit.concurrent(RateLimit.Scope.USER, 4))
            .budgetLowThreshold(0.2)
            .budget(Budget.of("monthly", Budget.Scope.TENANT, "250.5", Budget.Period.MONTHLY)
                .in(ZoneId.of("Europe/Berlin")))
            .trackUsage(true)
            .maxInFlight(64, Duration.ofSeconds(2))
            .retryBudget(RetryBudget.of(0.1, Duration.ofSeconds(30), 5))
            .defaultMaxTokens(2048)
            .principalTags(true).logPrompts(false)
            .requestTimeout(Duration.ofSeconds(90)).streamIdleTimeout(Duration.ofMinutes(2)).hookQueueCapacity(128)
            .build()) {
      assertThat(fromFile.describe()).isEqualTo(inCode.describe());
      assertThat(fromFile.describe()).contains(
          "route smart = fallback on=[CONTENT_FILTER][{primary/big -> primary/big weight=1 tags=[eu] "
              + "params={temperature=0.2} headers=[] RetryPolicy{maxAttempts=3, initialDelay=PT0.1S, maxDelay=PT10S, "
              + "multiplier=2.0, maxRetryAfter=PT30S}",
          "limit RateLimit[name=key.tokens, scope=KEY, kind=TOKENS, amount=50000, per=PT1H]",
          "loadShedding maxInFlight=64 retryAfter=PT2S\n");
      String key = fromFile.virtualKeys().issue(dev.aegis.api.auth.VirtualKey.builder().tenant("acme").build()).secret();
      assertThat(fromFile.route(ChatRequest.builder().addMessage(Message.user("hi")).build(),
          dev.aegis.api.RequestOptions.builder().credential(key).build()).text()).isEqualTo("hello");
    }
  }

  @Test
  void bedrockAccessKeysFromTheFileAreSecretsNeverPrinted() {
    System.setProperty("aegis.test.bedrock.secret", "wJalrXUtnFEMI-secret-15");
    try {
      GatewayConfig config = GatewayConfig.parse(String.join("\n",
          "providers:",
          "  br:",
          "    type: bedrock",
          "    region: eu-west-1",
          "    accessKeyId: AKIDFILE15",
          "    secretAccessKey: ${sys:aegis.test.bedrock.secret}",
          "    sessionToken: session-token-15",
          "routes:",
          "  chat: {provider: br, model: m}",
          ""), "aegis.yaml");
      try (Gateway g = Gateway.builder().config(config).build()) {
        String printed = g.describe() + config + config.settings();
        assertThat(printed).doesNotContain("wJalrXUtnFEMI-secret-15", "session-token-15", "AKIDFILE15");
        assertThat(g.describe()).contains("options={accessKeyId=****, region=eu-west-1, secretAccessKey=****, sessionToken=****}");
      }
    } finally {
      System.clearProperty("aegis.test.bedrock.secret");
    }
  }

  @Test
  void providerTagsFromTheFileOrTheBuilderAreMergedIntoEveryTargetsTags() {
    java.util.List<java.util.Set<String>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    dev.aegis.api.plugin.Plugin recorder = new dev.aegis.api.plugin.Plugin() {
      @Override
      public dev.aegis.api.plugin.Eligibility eligible(dev.aegis.api.plugin.Exchange exchange,
          dev.aegis.api.plugin.TargetInfo target) {
        seen.add(target.tags());
        return dev.aegis.api.plugin.Eligibility.keep();
      }
    };
    GatewayConfig config = GatewayConfig.parse(String.join("\n",
        "providers:",
        "  eu: {type: mock, reply: hello, tags: [eu, gdpr]}",
        "routes:",
        "  chat: {provider: eu, model: m, tags: [gpu, eu]}",
        ""), "aegis.yaml");
    try (Gateway fromFile = Gateway.builder().plugin(recorder).config(config).build();
        Gateway inCode = Gateway.builder()
            .provider(ProviderConfig.builder("eu", "mock").option("reply", "hello").tag("eu").tag("gdpr").build())
            .route("chat", Strategy.single(Target.builder("eu/m").provider("eu").model("m").tag("gpu").tag("eu").build()))
            .plugin(recorder).build()) {
      assertThat(fromFile.describe()).isEqualTo(inCode.describe()).contains("tags=[eu, gdpr]");
      assertThat(fromFile.route(ChatRequest.builder().model("chat").addMessage(Message.user("hi")).build()).text()).isEqualTo("hello");
      assertThat(inCode.route(ChatRequest.builder().model("chat").addMessage(Message.user("hi")).build()).text()).isEqualTo("hello");
    }
    // two requests, each checked when targets are filtered and again just before dispatch
    java.util.Set<String> merged = java.util.Set.of("gpu", "eu", "gdpr");
    assertThat(seen).containsExactly(merged, merged, merged, merged);
  }
}
