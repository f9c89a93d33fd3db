package dev.aegis.providers.compat;

import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.providers.internal.ProviderSettings;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.api.provider.ProviderFactory;

/**
 * Creates {@link OpenAiCompatibleProvider}s from configuration of type {@code openai-compatible},
 * the preset named by the option {@code preset} (default {@code generic}, which needs a base URL).
 * Each built-in preset is also a type of its own ({@code groq}, {@code mistral}, {@code together},
 * {@code deepseek}, {@code openrouter}, {@code fireworks}, {@code xai}, {@code perplexity},
 * {@code cerebras}, {@code vllm}, {@code lmstudio}, {@code llamacpp}) through the nested factories.
 * All are registered through {@link java.util.ServiceLoader}.
 *
 * <p>Thread-safe and stateless.
 */
public class OpenAiCompatibleProviderFactory implements ProviderFactory {
  /** The configuration type name of the generic factory. */
  public static final String TYPE = "openai-compatible";

  private final @org.jspecify.annotations.Nullable Preset preset;

  public OpenAiCompatibleProviderFactory() {
    this(null);
  }

  OpenAiCompatibleProviderFactory(@org.jspecify.annotations.Nullable Preset preset) {
    this.preset = preset;
  }

  @Override
  public SettingsSpec settings() {
    SettingsSpec own = SettingsSpec.of(
        Setting.builder("streamUsage", SettingType.BOOLEAN)
            .doc("Ask for usage in the last stream chunk (stream_options.include_usage); default per preset.").build(),
        Setting.builder("maxTokensParam", SettingType.STRING).doc("The name the upstream uses for the output cap.")
            .allowed("max_tokens", "max_completion_tokens").build(),
        ProviderSettings.string("capabilities", "Comma-separated capabilities, e.g. chat,streaming,tools."));
    if (preset != null) {
      return own.and(ProviderSettings.TRANSPORT);
    }
    return SettingsSpec.of(Setting.builder("preset", SettingType.STRING).doc("The preset whose defaults apply.")
        .defaultValue(Preset.GENERIC.name()).allowed(Preset.builtIn().stream().map(Preset::name).toList())
        .build()).and(own).and(ProviderSettings.TRANSPORT);
  }

  @Override
  public String type() {
    return preset == null ? TYPE : preset.name();
  }

  @Override
  public Provider create(ProviderConfig config) {
    return build(config, null);
  }

  /** Creates an instance on the gateway's shared connection pool. */
  @Override
  public Provider create(ProviderConfig config, ProviderContext context) {
    return build(config, context);
  }

  private Provider build(ProviderConfig config, @org.jspecify.annotations.Nullable ProviderContext context) {
    Preset p = preset;
    if (p != null && config.option("preset") != null) {
      throw ConfigException.of("providers." + config.name() + ".options.preset",
          "type '" + p.name() + "' is a preset already; use type openai-compatible to choose one");
    }
    if (p == null) {
      String named = config.option("preset");
      p = named == null ? Preset.GENERIC : Preset.named(named);
      if (p == null) {
        throw ConfigException.of("providers." + config.name() + ".options.preset",
            "unknown preset '" + named + "'; known: " + Preset.builtIn().stream().map(Preset::name).toList());
      }
    }
    return OpenAiCompatibleProvider.create(p, config, context);
  }

  /** Type {@code groq}. Thread-safe. */
  public static final class Groq extends OpenAiCompatibleProviderFactory {
    public Groq() { super(Preset.GROQ); }
  }

  /** Type {@code mistral}. Thread-safe. */
  public static final class Mistral extends OpenAiCompatibleProviderFactory {
    public Mistral() { super(Preset.MISTRAL); }
  }

  /** Type {@code together}. Thread-safe. */
  public static final class Together extends OpenAiCompatibleProviderFactory {
    public Together() { super(Preset.TOGETHER); }
  }

  /** Type {@code deepseek}. Thread-safe. */
  public static final class DeepSeek extends OpenAiCompatibleProviderFactory {
    public DeepSeek() { super(Preset.DEEPSEEK); }
  }

  /** Type {@code openrouter}. Thread-safe. */
  public static final class OpenRouter extends OpenAiCompatibleProviderFactory {
    public OpenRouter() { super(Preset.OPENROUTER); }
  }

  /** Type {@code fireworks}. Thread-safe. */
  public static final class Fireworks extends OpenAiCompatibleProviderFactory {
    public Fireworks() { super(Preset.FIREWORKS); }
  }

  /** Type {@code xai}. Thread-safe. */
  public static final class XAi extends OpenAiCompatibleProviderFactory {
    public XAi() { super(Preset.XAI); }
  }

  /** Type {@code perplexity}. Thread-safe. */
  public static final class Perplexity extends OpenAiCompatibleProviderFactory {
    public Perplexity() { super(Preset.PERPLEXITY); }
  }

  /** Type {@code cerebras}. Thread-safe. */
  public static final class Cerebras extends OpenAiCompatibleProviderFactory {
    public Cerebras() { super(Preset.CEREBRAS); }
  }

  /** Type {@code vllm}. Thread-safe. */
  public static final class Vllm extends OpenAiCompatibleProviderFactory {
    public Vllm() { super(Preset.VLLM); }
  }

  /** Type {@code lmstudio}. Thread-safe. */
  public static final class LmStudio extends OpenAiCompatibleProviderFactory {
    public LmStudio() { super(Preset.LM_STUDIO); }
  }

  /** Type {@code llamacpp}. Thread-safe. */
  public static final class LlamaCpp extends OpenAiCompatibleProviderFactory {
    public LlamaCpp() { super(Preset.LLAMA_CPP); }
  }
}
