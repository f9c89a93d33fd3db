package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.config.SecretResolver;
import dev.aegis.api.error.ConfigException;
import dev.aegis.core.config.GatewayConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Loading a configuration as a property: a valid file mutated at random — a key deleted, renamed
 * or written twice, a value of another type, the indentation broken, the text cut short — is
 * either still a configuration that builds a gateway or refused with a {@link ConfigException}
 * whose every problem has a path and reads in the gateway's words; never another exception.
 */
class ConfigMutationPropertiesTest {
  private static final Pattern KEY = Pattern.compile("^(\\s*(?:- )?)([A-Za-z][A-Za-z0-9_-]*)(:)(.*)$");
  private static final List<String> VALUES = List.of("true", "12", "-3", "0", "0.5", "1e400",
      "99999999999999999999", "[a, b]", "{x: 1}", "\"text\"", "null", "~", "''", "${env:}", "${nope:x}",
      "${env:AEGIS_TEST_UNSET_MUTATION}", "[]", "{}", "- a", "2m", "-1s", "P1D", "\"\\u0000\"", "&a", "*a", "!!binary x");

  private static final String SMALL = String.join("\n",
      "providers:",
      "  mock:",
      "    type: mock",
      "    reply: hello",
      "routes:",
      "  chat: {provider: mock, model: m1}",
      "");

  private static final String STRATEGIES = String.join("\n",
      "providers:",
      "  a: {type: mock, reply: one}",
      "  b:",
      "    type: mock",
      "    reply: two",
      "    readTimeout: 2s",
      "routes:",
      "  smart:",
      "    type: fallback",
      "    on: [context_length_exceeded]",
      "    targets:",
      "      - provider: a",
      "        model: m1",
      "        retry: {maxAttempts: 3, initialDelay: 10ms}",
      "        circuitBreaker: {consecutiveFailures: 2, openDuration: 5s}",
      "      - type: weighted",
      "        targets:",
      "          - {provider: a, model: m2, weight: 3}",
      "          - {provider: b, model: m3, weight: 1}",
      "  pick:",
      "    type: conditional",
      "    when:",
      "      - {field: metadata.region, eq: eu, then: {provider: b}}",
      "    otherwise: {provider: a}",
      "defaultRoute: smart",
      "");

  private static final String GOVERNANCE = String.join("\n",
      "providers:",
      "  mock: {type: mock}",
      "routes:",
      "  chat: {provider: mock}",
      "virtualKeys: {enabled: true}",
      "limits:",
      "  rules:",
      "    - {scope: key, kind: requests, amount: 10, per: 1m}",
      "    - {scope: user, kind: concurrent, amount: 2}",
      "budgets:",
      "  lowThreshold: 0.2",
      "  rules:",
      "    - {name: monthly, scope: tenant, amount: 5, period: monthly, zone: Europe/Berlin}",
      "loadShedding: {maxInFlight: 4, retryAfter: 1s}",
      "retryBudget: {ratio: 0.5, window: 10s, minPerWindow: 1}",
      "prices:",
      "  mock/m: {input: 1.0, output: 2.0}",
      "plugins:",
      "  - type: cache",
      "    ttl: 1m",
      "  - type: guardrails",
      "    rules:",
      "      - {type: regex, name: emp, pattern: \"EMP-[0-9]+\", action: redact}",
      "requestTimeout: 30s",
      "");

  /** Every provider's secret reference resolves, so the example's mutations are what fails. */
  private static final SecretResolver ENV = new SecretResolver() {
    @Override
    public String scheme() {
      return "env";
    }

    @Override
    public @org.jspecify.annotations.Nullable String resolve(String name) {
      return name.equals("AEGIS_TEST_UNSET_MUTATION") ? null : "test-" + name;
    }
  };

  @Test
  void everyBaseFileLoadsAndBuildsUnmutated() throws IOException {
    for (String base : bases()) {
      try (Gateway g = Gateway.builder().config(loader().parse(base, "aegis.yaml")).build()) {
        assertThat(g.stats().inFlight()).isZero();
      }
    }
  }

  @Provide
  Arbitrary<String> mutatedFiles() {
    List<String> bases;
    try {
      bases = bases();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Arbitrary<String> base = Arbitraries.of(bases);
    return Combinators.combine(base, Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 10_000),
        Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(1, 3))
        .as(ConfigMutationPropertiesTest::mutate);
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
  void aMutatedFileIsAConfigurationOrAConfigExceptionWithPaths(@ForAll("mutatedFiles") String text) {
    GatewayConfig config;
    try {
      config = loader().parse(text, "aegis.yaml");
    } catch (ConfigException e) {
      wellFormed(e, text);
      return;
    }
    try (Gateway g = Gateway.builder().config(config).build()) {
      assertThat(g.stats().inFlight()).isZero();
    } catch (ConfigException e) {
      wellFormed(e, text);
    }
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void aMutatedJsonFileIsAConfigurationOrAConfigException(@ForAll("jsonCuts") String text) {
    try {
      loader().parse(text, "aegis.json");
    } catch (ConfigException e) {
      wellFormed(e, text);
    }
  }

  @Provide
  Arbitrary<String> jsonCuts() {
    String json = "{\"providers\": {\"mock\": {\"type\": \"mock\", \"reply\": \"hi\"}},"
        + " \"routes\": {\"chat\": {\"provider\": \"mock\", \"model\": \"m\"}}, \"requestTimeout\": \"5s\"}";
    return Combinators.combine(Arbitraries.integers().between(0, json.length()),
        Arbitraries.of("", "}", "]", ",", "\"", "{", "[1,", "\u0000", "\"x\":", "null", "1e99999"))
        .as((cut, tail) -> json.substring(0, cut) + tail + json.substring(Math.min(json.length(), cut + tail.length())));
  }

  private static void wellFormed(ConfigException e, String text) {
    assertThat(e.problems()).as("problems of%n%s", text).isNotEmpty();
    for (ConfigException.Problem p : e.problems()) {
      assertThat(p.path()).as("path of %s in%n%s", p, text).isNotBlank();
      assertThat(p.rule()).as("rule of %s in%n%s", p, text).isNotBlank()
          .doesNotContain("Exception", "jackson", "com.fasterxml", "org.yaml", "java.");
    }
  }

  private static GatewayConfig.Loader loader() {
    return GatewayConfig.loader().secrets(ENV);
  }

  private static List<String> bases() throws IOException {
    Path example = Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("aegis.yaml");
    return List.of(SMALL, STRATEGIES, GOVERNANCE, Files.readString(example, StandardCharsets.UTF_8));
  }

  /** Applies {@code count} mutations of {@code kind} (0-6) at positions drawn from {@code a} and {@code b}. */
  static String mutate(String base, int kind, int a, int b, int count) {
    List<String> lines = new ArrayList<>(Arrays.asList(base.split("\n", -1)));
    for (int n = 0; n < count; n++) {
      int i = Math.floorMod(a + 7 * n, lines.size());
      String line = lines.get(i);
      Matcher m = KEY.matcher(line);
      switch (kind) {
        case 0: // delete a key (with its line)
          lines.remove(i);
          break;
        case 1: // rename a key: a typo in it
          if (m.matches()) {
            String key = m.group(2);
            int at = Math.floorMod(b, key.length());
            String renamed = key.substring(0, at) + (char) ('a' + Math.floorMod(b, 26)) + key.substring(at + 1);
            lines.set(i, m.group(1) + renamed + m.group(3) + m.group(4));
          }
          break;
        case 2: // a value of another type
          if (m.matches()) {
            lines.set(i, m.group(1) + m.group(2) + ": " + VALUES.get(Math.floorMod(b, VALUES.size())));
          } else {
            lines.set(i, line + " " + VALUES.get(Math.floorMod(b, VALUES.size())));
          }
          break;
        case 3: // a key written twice
          lines.add(i, line);
          break;
        case 4: // indentation broken
          lines.set(i, Math.floorMod(b, 2) == 0 ? " ".repeat(1 + Math.floorMod(b, 5)) + line : line.stripLeading());
          break;
        case 5: // cut short
          String text = String.join("\n", lines);
          return text.substring(0, Math.floorMod(b, text.length() + 1));
        default: // a value replaced inside a flow map or list
          int colon = line.indexOf(": ", Math.floorMod(b, Math.max(1, line.length())));
          if (colon >= 0) {
            int end = line.indexOf(',', colon);
            end = end < 0 ? line.length() : end;
            lines.set(i, line.substring(0, colon + 2) + VALUES.get(Math.floorMod(a + b, VALUES.size()))
                + line.substring(end));
          }
          break;
      }
    }
    return String.join("\n", lines);
  }
}
