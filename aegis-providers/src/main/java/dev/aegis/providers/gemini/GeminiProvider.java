package dev.aegis.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.credential.Credential;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import org.jspecify.annotations.Nullable;
import dev.aegis.providers.gemini.internal.GeminiCodec;
import dev.aegis.providers.gemini.internal.GeminiStreamDecoder;
import dev.aegis.providers.internal.HttpTransport;
import dev.aegis.providers.internal.HttpUrls;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.OptionsReader;
import dev.aegis.providers.internal.RequestHeaders;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Google Gemini through the Generative Language API: {@code models/{model}:generateContent},
 * {@code :streamGenerateContent?alt=sse}, {@code :embedContent} and {@code :batchEmbedContents}.
 * The API key travels in the {@code x-goog-api-key} header, never in the URL; a bearer token
 * (OAuth) is sent as {@code Authorization}. Without configured credentials {@code GEMINI_API_KEY}
 * (then {@code GOOGLE_API_KEY}) is read.
 *
 * <p>Mapping: system and developer messages become {@code systemInstruction}; roles user/model;
 * tool results become {@code functionResponse} parts named after the function of the call they
 * answer (a JSON object result is sent as is, other text as {@code {"result": text}}); function
 * calls get the API's id or a synthesized, position-based one ({@code call_0}, {@code call_1}...).
 * Sampling parameters, stop sequences, seed and JSON output ({@code responseMimeType},
 * {@code responseSchema}) go in {@code generationConfig}; request extras and the target's params are
 * merged into the body last. A prompt blocked before any candidate fails with a
 * {@link dev.aegis.api.error.ContentFilterException} naming the block reason. No options.
 *
 * <pre>{@code
 * Provider gemini = new GeminiProvider(ProviderConfig.builder("gemini", "gemini")
 *     .credentials(CredentialProvider.fromEnv("GEMINI_API_KEY"))
 *     .build());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class GeminiProvider implements Provider {
  /** The provider type. */
  public static final String TYPE = "gemini";
  public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

  private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.CHAT, Capability.STREAMING,
      Capability.TOOLS, Capability.VISION, Capability.JSON_SCHEMA, Capability.REASONING, Capability.EMBEDDINGS);

  private final ProviderConfig config;
  private final HttpTransport transport;
  private final HttpUrl baseUrl;
  private final URI endpoint;
  private final RequestHeaders headers;

  /**
   * Creates an instance.
   *
   * @throws ConfigException naming every invalid setting
   */
  public GeminiProvider(ProviderConfig config) {
    this(config, null);
  }

  /**
   * Creates an instance that shares the gateway's connection pool through {@code context}
   * ({@code null}: a pool of its own, closed with the instance).
   *
   * @throws ConfigException naming every invalid setting
   */
  public GeminiProvider(ProviderConfig config, @Nullable ProviderContext context) {
    this.config = config;
    OptionsReader options = new OptionsReader(config, Set.of());
    this.baseUrl = options.baseUrl(DEFAULT_BASE_URL);
    this.endpoint = HttpUrls.origin(baseUrl);
    options.check();
    this.headers = new RequestHeaders(config.name(), config.credentials() != null ? config.credentials()
        : GeminiProvider::envKey, "x-goog-api-key", config.headers(), RequestHeaders.Unsupported.authenticationError("Gemini"));
    this.transport = options.transport(context);
  }

  private static Credential envKey() {
    String key = System.getenv("GEMINI_API_KEY");
    if (key == null || key.isBlank()) key = System.getenv("GOOGLE_API_KEY");
    if (key == null || key.isBlank()) {
      throw ConfigException.of("env:GEMINI_API_KEY", "neither GEMINI_API_KEY nor GOOGLE_API_KEY is set");
    }
    return Credential.apiKey(key);
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
    ObjectNode body = GeminiCodec.encode(request, call.params());
    return post(url(call.model(), "generateContent", false), body, call,
        root -> GeminiCodec.decode(root, name(), call.model(), transport.clock().instant().getEpochSecond()));
  }

  @Override
  public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    Request http = request(url(call.model(), "streamGenerateContent", true), GeminiCodec.encode(request, call.params()), call, true);
    transport.stream(http, call, GeminiCodec.ERRORS, sink,
        (body, response, out) -> new GeminiStreamDecoder(name(), call.model()).decode(transport.sse(body), out));
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, ProviderCall call) {
    Function<JsonNode, EmbeddingResponse> decode = root ->
        EmbeddingResponse.builder().model(call.model()).embeddings(GeminiCodec.decodeEmbeddings(root)).build();
    if (request.inputs().size() == 1) {
      return post(url(call.model(), "embedContent", false), GeminiCodec.encodeEmbedding(request, call.params()),
          call, decode);
    }
    return post(url(call.model(), "batchEmbedContents", false), GeminiCodec.encodeEmbeddings(model(call.model()),
        request, call.params()), call, decode);
  }

  private <T> T post(HttpUrl url, ObjectNode body, ProviderCall call, Function<JsonNode, T> decode) {
    return transport.exchange(request(url, body, call, false), call, GeminiCodec.ERRORS,
        (bytes, response) -> decode.apply(Json.read(bytes)));
  }

  private static String model(String model) {
    return model.startsWith("models/") ? model.substring(7) : model;
  }

  private HttpUrl url(String model, String method, boolean sse) {
    HttpUrl.Builder b = baseUrl.newBuilder();
    String m = model(model);
    if (m.indexOf('/') >= 0) {
      int slash = m.lastIndexOf('/');
      b.addPathSegments(m.substring(0, slash)).addPathSegment(m.substring(slash + 1) + ':' + method);
    } else {
      b.addPathSegment("models").addPathSegment(m + ':' + method);
    }
    if (sse) b.addQueryParameter("alt", "sse");
    return b.build();
  }

  private Request request(HttpUrl url, ObjectNode body, ProviderCall call, boolean stream) {
    Request.Builder b = headers.newRequest(url, call, Headers.of("accept", stream ? "text/event-stream" : "application/json"));
    return b.post(RequestBody.create(Json.bytes(body), HttpUrls.JSON)).build();
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "GeminiProvider{name=" + name() + ", url=" + baseUrl + '}';
  }
}
