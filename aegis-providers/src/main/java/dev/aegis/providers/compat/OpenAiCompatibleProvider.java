package dev.aegis.providers.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.providers.internal.OptionsReader;
import dev.aegis.providers.internal.RequestHeaders;
import dev.aegis.providers.openai.ChatCompletionsAdapter;
import dev.aegis.providers.openai.internal.ChatCompletionsClient;
import dev.aegis.providers.openai.internal.ChatCompletionsCodec;
import dev.aegis.providers.openai.internal.Quirks;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI-compatible Chat Completions service described by a {@link Preset}: the same wire
 * format and decoding as {@link dev.aegis.providers.openai.OpenAiProvider}, with the preset's base
 * URL, credential style and dialect differences. {@code maxTokens} is sent as {@code max_tokens}
 * (the field every compatible server accepts) unless the option {@code maxTokensParam} says
 * otherwise.
 *
 * <p>Options: {@code preset} (for type {@code openai-compatible}; default {@code generic}),
 * {@code streamUsage} ({@code true}/{@code false}: whether streams send
 * {@code stream_options.include_usage}; default per preset), {@code maxTokensParam}
 * ({@code max_tokens} or {@code max_completion_tokens}), {@code capabilities} (comma-separated
 * {@link Capability} names; default chat, streaming, tools, json_schema).
 *
 * <pre>{@code
 * Provider groq = OpenAiCompatibleProvider.create(Preset.GROQ, ProviderConfig.builder("groq", "groq")
 *     .credentials(CredentialProvider.fromEnv("GROQ_API_KEY")).build());
 * }</pre>
 *
 * <p>Thread-safe: one instance serves concurrent calls.
 */
public final class OpenAiCompatibleProvider extends ChatCompletionsAdapter {
  private static final Set<String> OPTIONS = Set.of("preset", "streamUsage", "maxTokensParam", "capabilities");
  private static final Set<Capability> DEFAULT_CAPABILITIES =
      EnumSet.of(Capability.CHAT, Capability.STREAMING, Capability.TOOLS, Capability.JSON_SCHEMA);

  private final Preset preset;

  private OpenAiCompatibleProvider(Preset preset, ChatCompletionsClient client) {
    super(client);
    this.preset = preset;
  }

  /**
   * Creates an instance of {@code preset} from configuration; the configured base URL, if any,
   * replaces the preset's.
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting
   */
  public static OpenAiCompatibleProvider create(Preset preset, ProviderConfig config) {
    return create(preset, config, null);
  }

  /**
   * Creates an instance that shares the gateway's connection pool through {@code context}
   * ({@code null}: a pool of its own, closed with the instance).
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting
   */
  public static OpenAiCompatibleProvider create(Preset preset, ProviderConfig config, @Nullable ProviderContext context) {
    OptionsReader options = new OptionsReader(config, OPTIONS);
    HttpUrl base = options.baseUrl(preset.baseUrl());
    Quirks quirks = preset.quirks();
    String maxTokens = options.get("maxTokensParam");
    if (maxTokens != null && !maxTokens.equals("max_tokens") && !maxTokens.equals("max_completion_tokens")) {
      options.problem("options.maxTokensParam", "must be max_tokens or max_completion_tokens");
      maxTokens = null;
    }
    Boolean streamUsage = options.get("streamUsage") == null ? null : options.bool("streamUsage", true);
    if (maxTokens != null || streamUsage != null) {
      quirks = new Overridden(quirks, maxTokens, streamUsage);
    }
    Set<Capability> capabilities = DEFAULT_CAPABILITIES;
    String caps = options.get("capabilities");
    if (caps != null) {
      capabilities = EnumSet.noneOf(Capability.class);
      for (String c : caps.split(",")) {
        try {
          capabilities.add(Capability.valueOf(c.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          options.problem("options.capabilities", "unknown capability '" + c.strip() + "'");
        }
      }
      capabilities = Set.copyOf(capabilities);
    }
    options.check();
    RequestHeaders headers = new RequestHeaders(config.name(),
        preset.authStyle() == Preset.AuthStyle.NONE ? null : config.credentials(), preset.authStyle().header(),
        config.headers());
    return new OpenAiCompatibleProvider(preset, new ChatCompletionsClient(config.name(), preset.name(), capabilities,
        options.transport(context), new ChatCompletionsCodec(quirks), ChatCompletionsClient.Endpoint.fixed(base), headers));
  }

  /** A preset's dialect with the configured overrides. */
  private static final class Overridden implements Quirks {
    private final Quirks base;
    private final @Nullable String maxTokens;
    private final @Nullable Boolean streamUsage;

    Overridden(Quirks base, @Nullable String maxTokens, @Nullable Boolean streamUsage) {
      this.base = base;
      this.maxTokens = maxTokens;
      this.streamUsage = streamUsage;
    }

    @Override
    public String maxTokensField() {
      return maxTokens != null ? maxTokens : base.maxTokensField();
    }

    @Override
    public boolean streamUsageOption() {
      return streamUsage != null ? streamUsage : base.streamUsageOption();
    }

    @Override
    public @Nullable JsonNode usage(JsonNode root) {
      return base.usage(root);
    }

    @Override
    public void request(ObjectNode body, ChatRequest request) {
      base.request(body, request);
    }

    @Override
    public void response(JsonNode root, ResponseMetadata.Builder metadata) {
      base.response(root, metadata);
    }
  }

  /** The preset this instance speaks. */
  public Preset preset() {
    return preset;
  }
}
