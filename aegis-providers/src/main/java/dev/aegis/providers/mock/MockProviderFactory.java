package dev.aegis.providers.mock;

import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.providers.internal.ProviderSettings;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderFactory;
import java.time.Duration;
import dev.aegis.providers.internal.OptionsReader;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@link MockProvider}s from configuration (type {@code mock}). Options: {@code reply},
 * {@code echo} (true/false), {@code model}, {@code latencyMs}, {@code chunks},
 * {@code chunkDelayMs}, {@code failSequence} (e.g. {@code 503,503}), {@code failProbability} with
 * {@code failStatus} and {@code seed}, {@code failAfterChunks}.
 *
 * <p>Thread-safe and stateless.
 */
public final class MockProviderFactory implements ProviderFactory {
  private static final Set<String> OPTIONS = Set.of("reply", "echo", "model", "latencyMs", "chunks", "chunkDelayMs",
      "failAfterChunks", "failSequence", "failProbability", "failStatus", "seed");

  @Override
  public SettingsSpec settings() {
    return SettingsSpec.of(
        ProviderSettings.string("reply", "The fixed answer text."),
        Setting.builder("echo", SettingType.BOOLEAN).doc("Answer with the last user message.").defaultValue("false").build(),
        ProviderSettings.string("model", "The model reported in answers."),
        integer("latencyMs", "Delay before answering, in milliseconds."),
        integer("chunks", "How many chunks a stream has."),
        integer("chunkDelayMs", "Delay between stream chunks, in milliseconds."),
        integer("failAfterChunks", "Fail a stream after this many chunks."),
        ProviderSettings.string("failSequence", "HTTP statuses to fail with, in order, e.g. 503,503."),
        Setting.builder("failProbability", SettingType.DECIMAL).doc("The share of calls that fail.").min(0, false).build(),
        integer("failStatus", "The status of probabilistic failures."),
        integer("seed", "The seed of probabilistic failures."));
  }

  private static Setting integer(String name, String doc) {
    return Setting.builder(name, SettingType.INTEGER).doc(doc).min(0, false).build();
  }

  @Override
  public String type() {
    return "mock";
  }

  @Override
  public Provider create(ProviderConfig config) {
    MockProvider.Builder b = MockProvider.builder(config.name()).clock(config.clock());
    OptionsReader options = new OptionsReader(config, OPTIONS, false);
    for (Map.Entry<String, String> e : config.options().entrySet()) {
      String v = e.getValue();
      try {
        switch (e.getKey()) {
          case "reply": b.reply(v); break;
          case "echo": if (Boolean.parseBoolean(v)) b.echo(); break;
          case "model": b.model(v); break;
          case "latencyMs": b.latency(Duration.ofMillis(Long.parseLong(v))); break;
          case "chunks": b.chunks(Integer.parseInt(v)); break;
          case "chunkDelayMs": b.chunkDelay(Duration.ofMillis(Long.parseLong(v))); break;
          case "failAfterChunks": b.failAfterChunks(Integer.parseInt(v)); break;
          case "failSequence": {
            String[] parts = v.split(",");
            int[] statuses = new int[parts.length];
            for (int i = 0; i < parts.length; i++) statuses[i] = Integer.parseInt(parts[i].trim());
            b.failures(FailurePlan.sequence(statuses));
            break;
          }
          case "failProbability":
            b.failures(FailurePlan.probability(Double.parseDouble(v),
                Integer.parseInt(config.options().getOrDefault("failStatus", "500")),
                Long.parseLong(config.options().getOrDefault("seed", "1"))));
            break;
          default:
            break; // failStatus and seed are read with failProbability; unknown keys are OptionsReader's
        }
      } catch (RuntimeException ex) {
        options.problem("options." + e.getKey(), "invalid value '" + v + "': " + ex.getMessage());
      }
    }
    options.check();
    return b.build();
  }
}
