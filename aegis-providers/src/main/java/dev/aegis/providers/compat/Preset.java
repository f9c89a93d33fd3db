package dev.aegis.providers.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.providers.openai.internal.Quirks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named OpenAI-compatible service: its default base URL, how it takes credentials, and the
 * dialect differences observed in its recorded traffic. Presets without recorded traffic are
 * base URL and credentials only; every preset shares the one Chat Completions adapter.
 *
 * <p>Recorded dialect differences handled: Mistral does not need {@code stream_options} (usage
 * rides on the last content chunk; tool calls arrive without {@code index} and {@code type},
 * handled for every preset), Groq reports stream usage in {@code x_groq.usage} and sends
 * {@code event: error} mid-stream, DeepSeek and xAI stream {@code reasoning_content} (handled for
 * every preset).
 *
 * <pre>{@code
 * Preset local = Preset.custom("my-vllm", "http://gpu-box:8000/v1", Preset.AuthStyle.NONE);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Preset {

  /** How the API key is sent. Immutable and thread-safe. */
  public enum AuthStyle {
    /** {@code Authorization: Bearer <key>}. */
    BEARER(null),
    /** {@code api-key: <key>}. */
    API_KEY_HEADER("api-key"),
    /** {@code x-api-key: <key>}. */
    X_API_KEY_HEADER("x-api-key"),
    /** No credentials are sent, even if configured. */
    NONE(null);

    private final @Nullable String header;

    AuthStyle(@Nullable String header) {
      this.header = header;
    }

    @Nullable String header() {
      return header;
    }
  }

  private static final Quirks GROQ_QUIRKS = new Quirks() {
    @Override
    public @Nullable JsonNode usage(JsonNode root) {
      JsonNode u = root.get("usage");
      if (u != null && u.isObject()) return u;
      u = root.path("x_groq").get("usage");
      return u != null && u.isObject() ? u : null;
    }
  };

  private static final Quirks MISTRAL_QUIRKS = new Quirks() {
    @Override
    public boolean streamUsageOption() {
      return false;
    }
  };

  public static final Preset GROQ = new Preset("groq", "https://api.groq.com/openai/v1", AuthStyle.BEARER, GROQ_QUIRKS);
  public static final Preset MISTRAL = new Preset("mistral", "https://api.mistral.ai/v1", AuthStyle.BEARER, MISTRAL_QUIRKS);
  public static final Preset TOGETHER = new Preset("together", "https://api.together.xyz/v1", AuthStyle.BEARER, Quirks.COMPATIBLE);
  public static final Preset DEEPSEEK = new Preset("deepseek", "https://api.deepseek.com", AuthStyle.BEARER, Quirks.COMPATIBLE);
  public static final Preset OPENROUTER = new Preset("openrouter", "https://openrouter.ai/api/v1", AuthStyle.BEARER, Quirks.COMPATIBLE);
  public static final Preset FIREWORKS = new Preset("fireworks", "https://api.fireworks.ai/inference/v1", AuthStyle.BEARER, Quirks.COMPATIBLE);
  public static final Preset XAI = new Preset("xai", "https://api.x.ai/v1", AuthStyle.BEARER, Quirks.COMPATIBLE);
  public static final Preset PERPLEXITY = new Preset("perplexity", "https://api.perplexity.ai", AuthStyle.BEARER, Quirks.COMPATIBLE);
  public static final Preset CEREBRAS = new Preset("cerebras", "https://api.cerebras.ai/v1", AuthStyle.BEARER, Quirks.COMPATIBLE);
  /** vLLM's OpenAI-compatible server on its default port. */
  public static final Preset VLLM = new Preset("vllm", "http://localhost:8000/v1", AuthStyle.BEARER, Quirks.COMPATIBLE);
  /** LM Studio's local server on its default port. */
  public static final Preset LM_STUDIO = new Preset("lmstudio", "http://localhost:1234/v1", AuthStyle.BEARER, Quirks.COMPATIBLE);
  /** llama.cpp's {@code llama-server} on its default port. */
  public static final Preset LLAMA_CPP = new Preset("llamacpp", "http://localhost:8080/v1", AuthStyle.BEARER, Quirks.COMPATIBLE);
  /** Any OpenAI-compatible server: the base URL must be configured. */
  public static final Preset GENERIC = new Preset("generic", null, AuthStyle.BEARER, Quirks.COMPATIBLE);

  /** The registry: fixed at class initialisation, immutable (nothing can add, replace or remove a preset). */
  private static final List<Preset> BUILT_IN = List.of(GROQ, MISTRAL, TOGETHER, DEEPSEEK, OPENROUTER, FIREWORKS,
      XAI, PERPLEXITY, CEREBRAS, VLLM, LM_STUDIO, LLAMA_CPP, GENERIC);
  private static final Map<String, Preset> BY_NAME = index(BUILT_IN);

  private static Map<String, Preset> index(List<Preset> presets) {
    Map<String, Preset> byName = new LinkedHashMap<>();
    for (Preset p : presets) {
      if (byName.put(p.name, p) != null) throw new IllegalStateException("duplicate preset " + p.name);
    }
    return Map.copyOf(byName);
  }

  private final String name;
  private final @Nullable String baseUrl;
  private final AuthStyle authStyle;
  private final Quirks quirks;

  private Preset(String name, @Nullable String baseUrl, AuthStyle authStyle, Quirks quirks) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("name must not be blank");
    this.name = name;
    this.baseUrl = baseUrl;
    this.authStyle = Objects.requireNonNull(authStyle, "authStyle");
    this.quirks = quirks;
  }

  /** A preset for a service with no known dialect differences. */
  public static Preset custom(String name, @Nullable String baseUrl, AuthStyle authStyle) {
    return new Preset(name, baseUrl, authStyle, Quirks.COMPATIBLE);
  }

  /** The built-in preset of that name (case-insensitive), or {@code null}. */
  public static @Nullable Preset named(String name) {
    return BY_NAME.get(name.toLowerCase(Locale.ROOT));
  }

  /** The built-in presets, in a fixed order; an immutable list. */
  public static List<Preset> builtIn() {
    return BUILT_IN;
  }

  /** The preset name, also the provider type reported by its instances. */
  public String name() {
    return name;
  }

  /** The default base URL, or {@code null} when it must be configured. */
  public @Nullable String baseUrl() {
    return baseUrl;
  }

  public AuthStyle authStyle() {
    return authStyle;
  }

  Quirks quirks() {
    return quirks;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Preset && ((Preset) o).name.equals(name) && Objects.equals(((Preset) o).baseUrl, baseUrl)
        && ((Preset) o).authStyle == authStyle && ((Preset) o).quirks == quirks;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, baseUrl, authStyle);
  }

  @Override
  public String toString() {
    return "Preset{" + name + ", " + baseUrl + ", " + authStyle + '}';
  }
}
