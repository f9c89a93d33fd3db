package dev.aegis.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.credential.Credential;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.anthropic.internal.AnthropicCodec;
import dev.aegis.providers.anthropic.internal.AnthropicStreamDecoder;
import dev.aegis.providers.internal.HttpTransport;
import dev.aegis.providers.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

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

  private static final MediaType JSON = MediaType.get("application/json");
  private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.CHAT, Capability.STREAMING,
      Capability.TOOLS, Capability.VISION, Capability.REASONING);

  private final ProviderConfig config;
  private final HttpTransport transport;
  private final HttpUrl messagesUrl;
  private final String version;
  private final AnthropicCodec.Settings settings;
  private final CredentialProvider credentials;

  /**
   * Creates an instance.
   *
   * @throws ConfigException naming every invalid option or setting
   */
  public AnthropicProvider(ProviderConfig config) {
    this.config = config;
    String base = "providers." + config.name() + ".";
    List<ConfigException.Problem> problems = new ArrayList<>();
    String version = DEFAULT_VERSION;
    int maxTokens = DEFAULT_MAX_TOKENS;
    boolean cache = false;
    for (Map.Entry<String, String> e : config.options().entrySet()) {
      String v = e.getValue();
      switch (e.getKey()) {
        case "version":
          version = v;
          break;
        case "maxTokens":
          try {
            maxTokens = Integer.parseInt(v.trim());
            if (maxTokens <= 0) problems.add(new ConfigException.Problem(base + "options.maxTokens", "must be positive"));
          } catch (NumberFormatException ex) {
            problems.add(new ConfigException.Problem(base + "options.maxTokens", "must be an integer but was '" + v + "'"));
          }
          break;
        case "cacheSystemPrompt":
          cache = Boolean.parseBoolean(v.trim());
          break;
        default:
          problems.add(new ConfigException.Problem(base + "options." + e.getKey(), "unknown option"));
      }
    }
    HttpUrl url = HttpUrl.parse(config.baseUrl() == null ? DEFAULT_BASE_URL : config.baseUrl());
    if (url == null) {
      problems.add(new ConfigException.Problem(base + "baseUrl", "must be an absolute http(s) URL"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    this.messagesUrl = url.newBuilder().addPathSegment("messages").build();
    this.version = version;
    this.settings = new AnthropicCodec.Settings(maxTokens, cache);
    this.credentials = config.credentials() != null ? config.credentials()
        : CredentialProvider.fromEnv("ANTHROPIC_API_KEY");
    this.transport = new HttpTransport(config);
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
    try (Response response = transport.execute(http, call, AnthropicCodec.ERRORS, false)) {
      JsonNode root = Json.read(HttpTransport.body(response).bytes());
      return AnthropicCodec.decode(root, transport.clock().instant().getEpochSecond());
    } catch (IOException e) {
      throw transport.failure(e, call);
    } catch (RuntimeException e) {
      throw badResponse(e);
    }
  }

  @Override
  public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    Request http = httpRequest(request, call, true);
    try (Response response = transport.execute(http, call, AnthropicCodec.ERRORS, true)) {
      new AnthropicStreamDecoder(name()).decode(HttpTransport.body(response).source(), sink);
    } catch (IOException e) {
      throw transport.failure(e, call);
    }
  }

  private RuntimeException badResponse(RuntimeException e) {
    if (e instanceof dev.aegis.api.error.GatewayException) {
      return e;
    }
    return ProviderException.of(new ProviderError(name(), 200, "invalid_response", null, null,
        "unreadable response from " + name() + ": " + e.getMessage(), null, null), e);
  }

  private Request httpRequest(ChatRequest request, ProviderCall call, boolean stream) {
    byte[] body = Json.bytes(AnthropicCodec.encode(request, call.model(), call.params(), settings, stream));
    Request.Builder b = new Request.Builder().url(messagesUrl)
        .header("anthropic-version", version)
        .header("accept", stream ? "text/event-stream" : "application/json");
    Credential c = credentials.credential();
    if (c instanceof Credential.ApiKey) {
      b.header("x-api-key", ((Credential.ApiKey) c).key());
    } else if (c instanceof Credential.BearerToken) {
      b.header("authorization", "Bearer " + ((Credential.BearerToken) c).token());
    } else {
      throw ProviderException.of(new ProviderError(name(), 401, "authentication_error", null, null,
          "Anthropic needs an API key or a bearer token, not " + c.getClass().getSimpleName(), null, null));
    }
    config.headers().forEach(b::header);
    call.headers().forEach(b::header);
    return b.post(RequestBody.create(body, JSON)).build();
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
