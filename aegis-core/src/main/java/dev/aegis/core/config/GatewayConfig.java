package dev.aegis.core.config;

import dev.aegis.api.config.SecretResolver;
import dev.aegis.api.config.Settings;
import dev.aegis.api.error.ConfigException;
import dev.aegis.core.config.internal.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated gateway configuration, read from a YAML or JSON file: providers, routes and their
 * strategies, plugins and guardrails, stores, governance (virtual keys, limits, budgets, usage,
 * load shedding, retry budget, prices), telemetry options and timeouts. Every problem of the file
 * is reported at once in one {@link ConfigException}, each with its path and a hint; secret
 * references ({@code ${env:NAME}}, {@code ${file:/path}}, {@code ${sys:property}}) are resolved
 * and never printed.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.fromConfig(Path.of("aegis.yaml"));
 * // or, with plugins and hooks set in code that survive reloads:
 * Gateway gateway = Gateway.builder().plugin(myAudit).config(GatewayConfig.load(path)).build();
 * gateway.reload(GatewayConfig.load(path));
 * }</pre>
 *
 * <p>The keys are listed in {@code docs/configuration.md}, generated from the declared settings.
 *
 * <p>Immutable and thread-safe.
 */
public final class GatewayConfig {
  private final String source;
  private final Settings settings;

  private GatewayConfig(String source, Settings settings) {
    this.source = source;
    this.settings = settings;
  }

  /**
   * Reads and validates a file ({@code .json} as JSON, anything else as YAML).
   *
   * @throws ConfigException listing every problem
   */
  public static GatewayConfig load(Path file) {
    return loader().load(file);
  }

  /**
   * Validates a configuration text; {@code source} names it in messages (a name ending in
   * {@code .json} is read as JSON).
   *
   * @throws ConfigException listing every problem
   */
  public static GatewayConfig parse(String text, String source) {
    return loader().parse(text, source);
  }

  public static Loader loader() {
    return new Loader();
  }

  /** The file (or name) this configuration was read from. */
  public String source() {
    return source;
  }

  /** The validated settings of the whole file, defaults applied, secrets resolved. */
  public Settings settings() {
    return settings;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof GatewayConfig && settings.equals(((GatewayConfig) o).settings);
  }

  @Override
  public int hashCode() {
    return settings.hashCode();
  }

  /** Names the source and the providers and routes; never a value. */
  @Override
  public String toString() {
    return "GatewayConfig{source=" + source + ", providers=" + settings.objectMap("providers").keySet()
        + ", routes=" + settings.objectMap("routes").keySet() + '}';
  }

  /** Reads configurations with extra secret schemes. Not thread-safe. */
  public static final class Loader {
    private final List<SecretResolver> resolvers = new ArrayList<>();

    private Loader() {}

    /** Adds (or replaces, by scheme) a secret resolver, e.g. for {@code ${vault:openai/key}}. */
    public Loader secrets(SecretResolver resolver) {
      resolvers.add(java.util.Objects.requireNonNull(resolver, "resolver"));
      return this;
    }

    public GatewayConfig load(Path file) {
      String name = String.valueOf(file.getFileName());
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new ConfigException(List.of(new ConfigException.Problem(file.toString(), "no such file")), e);
      } catch (IOException e) {
        throw new ConfigException(List.of(new ConfigException.Problem(file.toString(), "could not be read")), e);
      }
      return new GatewayConfig(file.toString(), ConfigLoader.validate(text, name, resolvers));
    }

    public GatewayConfig parse(String text, String source) {
      java.util.Objects.requireNonNull(text, "text");
      java.util.Objects.requireNonNull(source, "source");
      return new GatewayConfig(source, ConfigLoader.validate(text, source, resolvers));
    }
  }
}
