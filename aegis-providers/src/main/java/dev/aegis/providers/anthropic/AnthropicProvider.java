package dev.aegis.providers.anthropic;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import org.jspecify.annotations.Nullable;
import dev.aegis.providers.anthropic.internal.AnthropicCodec;
import dev.aegis.providers.anthropic.internal.AnthropicStreamDecoder;
import dev.aegis.providers.internal.HttpTransport;
import dev.aegis.providers.internal.HttpUrls;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.OptionsReader;
import dev.aegis.providers.internal.RequestHeaders;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}), whole and streamed.
 *
 * <p>System and developer messages become {@code system} (joined in order with blank lines);
 * consecutive same-role turns are merged; tool results become {@code tool_result} blocks of a
 * user turn (the results of a parallel call share one turn); reasoning blocks are sent back as
 * {@code thinking} blocks with their signature. {@code max_tokens}, which Anthropic requires, is the
 * request's value or the {@code maxTokens} option. {@code reasoningEffort} enables extended
 * thinking with a budget (low 1024, medium 4096, high 16384 tokens). Request extras and the
 * target's params are merged into the body last, so any field (a {@code system} array with
 * {@code cache_control} markers, {@code thinking}, {@code metadata}) passes through.
 *
 * <p>Options: {@code version} (the {@code anthropic-version} header, default
 * {@value #DEFAULT_VERSION}), {@code maxTokens} (default {@value #DEFAULT_MAX_TOKENS}),
 * {@code cacheSystemPrompt} ({@code true} marks the system prompt and the tool list with
 * {@code cache_control: ephemeral}). Credentials: an API key ({@code x-api-key}) or a bearer token;
 * when none is configured, {@code ANTHROPIC_API_KEY} is read.
 *
 * <pre>{@code
 * Provider claude = new AnthropicProvider(ProviderConfig.builder("claude", "anthropic")
 *     .credentials(CredentialProvider.fromEnv("ANTHROPIC_API_KEY"))
 *     .option("maxTokens", "2048")
 *     .build());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class AnthropicProvider implements Provider {
  /** The provider type. */
  public static final String TYPE = "anthropic";
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";
  public static final String DEFAULT_VERSION = "2023-06-01";
  public static final int DEFAULT_MAX_TOKENS = 4096;

  private static final Set<String> OPTIONS = Set.of("version", "maxTokens", "cacheSystemPrompt");
  private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.CHAT, Capability.STREAMING,
      Capability.TOOLS, Capability.VISION, Capability.REASONING);

  private final ProviderConfig config;
  private final HttpTransport transport;
  private final HttpUrl messagesUrl;
  private final URI endpoint;
  private final String version;
  private final AnthropicCodec.Settings settings;
  private final RequestHeaders headers;

  /**
   * Creates an instance.
   *
   * @throws ConfigException naming every invalid option or setting
   */
  public AnthropicProvider(ProviderConfig config) {
    this(config, null);
  }

  /**
   * Creates an instance that shares the gateway's connection pool through {@code context}
   * ({@code null}: a pool of its own, closed with the instance).
   *
   * @throws ConfigException naming every invalid option or setting
   */
  public AnthropicProvider(ProviderConfig config, @Nullable ProviderContext context) {
    this.config = config;
    OptionsReader options = new OptionsReader(config, OPTIONS);
    String version = options.get("version") == null ? DEFAULT_VERSION : options.get("version");
    int maxTokens = options.positiveInt("maxTokens", DEFAULT_MAX_TOKENS);
    String cache = options.get("cacheSystemPrompt");
    HttpUrl url = options.baseUrl(DEFAULT_BASE_URL);
    options.check();
    this.messagesUrl = url.newBuilder().addPathSegment("messages").build();
    this.endpoint = HttpUrls.origin(url);
    this.version = version;
    // lenient on purpose: anything but "true" has always meant no caching
    this.settings = new AnthropicCodec.Settings(maxTokens, cache != null && Boolean.parseBoolean(cache.trim()));
    this.headers = new RequestHeaders(config.name(), config.credentials() != null ? config.credentials()
        : CredentialProvider.fromEnv("ANTHROPIC_API_KEY"), "x-api-key", config.headers(),
        RequestHeaders.Unsupported.authenticationError("Anthropic"));
    this.transport = options.transport(context);
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public ChatResponse chat(ChatRequest request, ProviderCall call) {
    Request http = httpRequest(request, call, false);
    return transport.exchange(http, call, AnthropicCodec.ERRORS,
        (bytes, response) -> AnthropicCodec.decode(Json.read(bytes), transport.clock().instant().getEpochSecond()));
  }

  @Override
  public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    Request http = httpRequest(request, call, true);
    transport.stream(http, call, AnthropicCodec.ERRORS, sink,
        (body, response, out) -> new AnthropicStreamDecoder(name()).decode(transport.sse(body), out));
  }

  private Request httpRequest(ChatRequest request, ProviderCall call, boolean stream) {
    byte[] body = Json.bytes(AnthropicCodec.encode(request, call.model(), call.params(), settings, stream));
    Request.Builder b = headers.newRequest(messagesUrl, call, Headers.of("anthropic-version", version,
        "accept", stream ? "text/event-stream" : "application/json"));
    return b.post(RequestBody.create(body, HttpUrls.JSON)).build();
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "AnthropicProvider{name=" + name() + ", url=" + messagesUrl + '}';
  }
}
