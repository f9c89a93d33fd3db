package dev.aegis.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.embedding.Embedding;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.providers.internal.EmbeddingOptions;
import dev.aegis.providers.internal.ErrorDecoder;
import dev.aegis.providers.internal.HttpTransport;
import dev.aegis.providers.internal.HttpUrls;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.OptionsReader;
import dev.aegis.providers.internal.RequestHeaders;
import dev.aegis.providers.ollama.internal.OllamaCodec;
import dev.aegis.providers.openai.internal.ChatCompletionsClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * The Ollama adapter, speaking the native API: {@code /api/chat} (NDJSON streaming),
 * {@code /api/embed} and {@code /api/tags}. See {@link OllamaCodec} for the mapping of request
 * fields to {@code options}, images, tools (stable synthesized tool-call ids) and usage.
 *
 * <p>Whether an instance is <em>local</em> (inside the network boundary, for residency rules) is
 * what its configuration declares ({@link ProviderConfig#local()}, reported by {@link #local()}),
 * never inferred from the type or the URL. Credentials are optional (Ollama Cloud or an
 * authenticating proxy take {@code Authorization: Bearer}). The base URL defaults to
 * {@value #DEFAULT_BASE_URL}.
 *
 * <pre>{@code
 * Provider ollama = OllamaProvider.create(ProviderConfig.builder("ollama-local", "ollama")
 *     .local(true)
 *     .build());
 * }</pre>
 *
 * <p>Thread-safe: one instance serves concurrent calls.
 */
public final class OllamaProvider implements Provider {
  /** Ollama's default address. */
  public static final String DEFAULT_BASE_URL = "http://localhost:11434";
  private static final Set<Capability> CAPABILITIES = EnumSet.allOf(Capability.class);

  private final String name;
  private final boolean local;
  private final HttpTransport transport;
  private final OllamaCodec codec = new OllamaCodec();
  private final RequestHeaders headers;
  private final HttpUrl chatUrl;
  private final HttpUrl embedUrl;
  private final HttpUrl tagsUrl;
  private final URI endpoint;

  private OllamaProvider(ProviderConfig config, HttpUrl base, HttpTransport transport) {
    this.name = config.name();
    this.local = config.local();
    this.transport = transport;
    this.headers = new RequestHeaders(name, config.credentials(), null, config.headers());
    this.chatUrl = HttpUrls.resolve(base, "api/chat");
    this.embedUrl = HttpUrls.resolve(base, "api/embed");
    this.tagsUrl = HttpUrls.resolve(base, "api/tags");
    this.endpoint = HttpUrls.origin(base);
  }

  /**
   * Creates an instance from configuration.
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting
   */
  public static OllamaProvider create(ProviderConfig config) {
    return create(config, null);
  }

  /**
   * Creates an instance that shares the gateway's connection pool through {@code context}
   * ({@code null}: a pool of its own, closed with the instance).
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting
   */
  public static OllamaProvider create(ProviderConfig config, @Nullable ProviderContext context) {
    OptionsReader options = new OptionsReader(config, Set.of());
    HttpUrl base = options.baseUrl(DEFAULT_BASE_URL);
    options.check();
    return new OllamaProvider(config, base, options.transport(context));
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return OllamaProviderFactory.TYPE;
  }

  /** Whether the configuration declared this instance local. */
  public boolean local() {
    return local;
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public ChatResponse chat(ChatRequest request, ProviderCall call) {
    Request http = request(chatUrl, call, codec.encodeBytes(request, call.model(), call.params(), false));
    return transport.exchange(http, call, ErrorDecoder.GENERIC, (bytes, response) -> {
      ResponseMetadata.Builder metadata = ResponseMetadata.builder();
      String requestId = HttpTransport.requestId(response.headers());
      if (requestId != null) metadata.attribute(ChatCompletionsClient.REQUEST_ID_ATTRIBUTE, requestId);
      return codec.decode(Json.read(bytes), metadata.build());
    });
  }

  @Override
  public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    Request http = request(chatUrl, call, codec.encodeBytes(request, call.model(), call.params(), true));
    transport.stream(http, call, ErrorDecoder.GENERIC, sink, (body, response, out) -> codec.decodeStream(
        transport.ndjson(body), name, response.code(), HttpTransport.requestId(response.headers()), out));
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, ProviderCall call) {
    EmbeddingOptions.requireFloatEncoding(name, request);
    ObjectNode body = Json.object().put("model", call.model());
    ArrayNode input = body.putArray("input");
    request.inputs().forEach(input::add);
    if (request.dimensions() != null) body.put("dimensions", request.dimensions());
    Json.merge(body, request.extras());
    Json.merge(body, call.params());
    return transport.exchange(request(embedUrl, call, Json.bytes(body)), call, ErrorDecoder.GENERIC, (bytes, response) -> {
      JsonNode root = Json.read(bytes);
      List<Embedding> out = new ArrayList<>();
      int i = 0;
      for (JsonNode v : root.path("embeddings")) {
        float[] vector = new float[v.size()];
        for (int j = 0; j < vector.length; j++) vector[j] = (float) v.get(j).asDouble();
        out.add(Embedding.of(i++, vector));
      }
      String model = Json.text(root, "model");
      return EmbeddingResponse.builder().model(model == null ? call.model() : model).embeddings(out)
          .usage(Usage.of(Json.intValue(root, "prompt_eval_count", 0), 0)).build();
    });
  }

  /** The locally available models ({@code /api/tags}); names containing "embed" are listed as embedding models. */
  @Override
  public List<ModelInfo> models(ProviderCall call) {
    Request http = base(tagsUrl, call).get().build();
    return transport.exchange(http, call, ErrorDecoder.GENERIC, (bytes, response) -> {
      JsonNode root = Json.read(bytes);
      List<ModelInfo> out = new ArrayList<>();
      for (JsonNode m : root.path("models")) {
        String id = Json.text(m, "name");
        if (id == null) id = Json.text(m, "model");
        if (id == null || id.isBlank()) continue;
        out.add(new ModelInfo(id, name, id.contains("embed") ? ModelInfo.Type.EMBEDDING : ModelInfo.Type.CHAT, null));
      }
      return out;
    });
  }

  private Request request(HttpUrl url, ProviderCall call, byte[] body) {
    return base(url, call).post(RequestBody.create(body, HttpUrls.JSON)).build();
  }

  private Request.Builder base(HttpUrl url, ProviderCall call) {
    return headers.newRequest(url, call);
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "OllamaProvider{" + name + ", local=" + local + '}';
  }
}
