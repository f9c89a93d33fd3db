package dev.aegis.providers.openai;

import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.providers.internal.OptionsReader;
import dev.aegis.providers.internal.RequestHeaders;
import dev.aegis.providers.openai.internal.ChatCompletionsClient;
import dev.aegis.providers.openai.internal.ChatCompletionsCodec;
import dev.aegis.providers.openai.internal.Quirks;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAI adapter: Chat Completions ({@code /chat/completions}, whole and streamed), embeddings
 * ({@code /embeddings}) and model listing ({@code /models}).
 *
 * <p>Every field of {@link dev.aegis.api.chat.ChatRequest} is sent ({@code maxTokens} as
 * {@code max_completion_tokens}, which reasoning models require and all current models accept);
 * request extras and then the target's params are merged into the body, so unknown provider
 * parameters pass through. Streams always ask for usage ({@code stream_options.include_usage}).
 * Response fields the normalized format does not model are kept in
 * {@link dev.aegis.api.chat.ChatResponse#extras()}: top-level ones as they are ({@code service_tier}, ...),
 * per-choice and per-message ones (non-empty {@code annotations}, ...) in {@link dev.aegis.api.chat.Choice#extras()}
 * (streamed: {@link dev.aegis.api.chat.ChatChunk#extras()}),
 * and a usage object with provider details (costs, timings) under {@code usage}; the upstream {@code x-request-id} is in the metadata attribute
 * {@code upstreamRequestId} and in every {@link dev.aegis.api.error.ProviderError}.
 *
 * <p>Credentials: an API key or a bearer token, sent as {@code Authorization: Bearer}; without
 * credentials no {@code Authorization} header is sent (for a proxy that adds its own).
 *
 * <p>Options: {@code organization} ({@code OpenAI-Organization} header), {@code project}
 * ({@code OpenAI-Project} header). The base URL defaults to {@value #DEFAULT_BASE_URL}.
 *
 * <pre>{@code
 * Provider openai = OpenAiProvider.create(ProviderConfig.builder("openai", "openai")
 *     .credentials(CredentialProvider.fromEnv("OPENAI_API_KEY"))
 *     .build());
 * ChatResponse r = openai.chat(request, ProviderCall.builder().model("gpt-4.1-mini").build());
 * }</pre>
 *
 * <p>Thread-safe: one instance serves concurrent calls.
 */
public final class OpenAiProvider extends ChatCompletionsAdapter {
  /** The public endpoint. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  private static final Set<String> OPTIONS = Set.of("organization", "project");

  private OpenAiProvider(ChatCompletionsClient client) {
    super(client);
  }

  /**
   * Creates an instance from configuration.
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting
   */
  public static OpenAiProvider create(ProviderConfig config) {
    return create(config, null);
  }

  /**
   * Creates an instance that shares the gateway's connection pool through {@code context}
   * ({@code null}: a pool of its own, closed with the instance).
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting
   */
  public static OpenAiProvider create(ProviderConfig config, @Nullable ProviderContext context) {
    OptionsReader options = new OptionsReader(config, OPTIONS);
    HttpUrl base = options.baseUrl(DEFAULT_BASE_URL);
    options.check();
    Map<String, String> headers = new LinkedHashMap<>();
    if (options.get("organization") != null) headers.put("OpenAI-Organization", options.get("organization"));
    if (options.get("project") != null) headers.put("OpenAI-Project", options.get("project"));
    headers.putAll(config.headers());
    return new OpenAiProvider(new ChatCompletionsClient(config.name(), OpenAiProviderFactory.TYPE,
        EnumSet.allOf(Capability.class), options.transport(context),
        new ChatCompletionsCodec(Quirks.OPENAI), ChatCompletionsClient.Endpoint.fixed(base),
        new RequestHeaders(config.name(), config.credentials(), null, headers)));
  }
}
