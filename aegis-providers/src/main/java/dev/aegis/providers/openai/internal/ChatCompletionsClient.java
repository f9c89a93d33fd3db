package dev.aegis.providers.openai.internal;

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
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.providers.internal.BodyFault;
import dev.aegis.providers.internal.ErrorDecoder;
import dev.aegis.providers.internal.HttpTransport;
import dev.aegis.providers.internal.HttpUrls;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.RequestHeaders;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The HTTP side of a Chat Completions adapter, shared by OpenAI, Azure OpenAI and the
 * OpenAI-compatible presets: builds requests (body from the {@link ChatCompletionsCodec}, URL and
 * credentials and headers from {@link RequestHeaders}),
 * executes them through the {@link HttpTransport} (deadline, cancellation, error decoding), and
 * decodes answers. Streams are read on the calling thread, so the sink's
 * back-pressure reaches the socket. It is the whole {@link Provider}; the public adapters extend
 * {@link dev.aegis.providers.openai.ChatCompletionsAdapter}, which forwards to one of these, so no
 * internal type is part of their public shape.
 *
 * <p>Thread-safe.
 */
public final class ChatCompletionsClient implements Provider {
  /** Metadata attribute holding the upstream request id of an answer. */
  public static final String REQUEST_ID_ATTRIBUTE = "upstreamRequestId";

  /** Where requests go and how they are authorized. Implementations must be thread-safe. */
  public interface Endpoint {
    /** The chat completions URL for this call (Azure puts the deployment in it). */
    HttpUrl chatUrl(ProviderCall call);

    /** The embeddings URL for this call. */
    HttpUrl embeddingsUrl(ProviderCall call);

    /** The model listing URL. */
    HttpUrl modelsUrl();

    /** The {@code model} to put in the body; the call's model unless the endpoint fixes one. */
    default String model(ProviderCall call) {
      return call.model();
    }

    /** An endpoint with fixed URLs below {@code base} ({@code chat/completions}, {@code embeddings}, {@code models}). */
    static Endpoint fixed(HttpUrl base) {
      HttpUrl chat = HttpUrls.resolve(base, "chat/completions");
      HttpUrl embeddings = HttpUrls.resolve(base, "embeddings");
      HttpUrl models = HttpUrls.resolve(base, "models");
      return new Endpoint() {
        @Override
        public HttpUrl chatUrl(ProviderCall call) {
          return chat;
        }

        @Override
        public HttpUrl embeddingsUrl(ProviderCall call) {
          return embeddings;
        }

        @Override
        public HttpUrl modelsUrl() {
          return models;
        }
      };
    }
  }

  private final String provider;
  private final String type;
  private final Set<Capability> capabilities;
  private final HttpTransport transport;
  private final ChatCompletionsCodec codec;
  private final Endpoint endpoint;
  private final RequestHeaders headers;
  private final ErrorDecoder errors;
  private final URI origin;

  /** {@code provider}: the instance's configured name; {@code type}: its configuration type. */
  public ChatCompletionsClient(String provider, String type, Set<Capability> capabilities, HttpTransport transport,
      ChatCompletionsCodec codec, Endpoint endpoint, RequestHeaders headers) {
    this.provider = provider;
    this.type = type;
    this.capabilities = Set.copyOf(capabilities);
    this.transport = transport;
    this.codec = codec;
    this.endpoint = endpoint;
    this.headers = headers;
    this.errors = OpenAiErrors.DECODER;
    this.origin = HttpUrls.origin(endpoint.modelsUrl());
  }

  /** Where the calls go: the base URL's scheme, host and port. */
  @Override
  public URI endpoint() {
    return origin;
  }

  @Override
  public String name() {
    return provider;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  public ChatCompletionsCodec codec() {
    return codec;
  }

  /** Sends a non-streamed chat request. */
  @Override
  public ChatResponse chat(ChatRequest request, ProviderCall call) {
    byte[] body = codec.encodeBytes(request, endpoint.model(call), call.params(), false);
    Request http = newRequest(endpoint.chatUrl(call), call).post(RequestBody.create(body, HttpUrls.JSON)).build();
    return transport.exchange(http, call, errors, (bytes, response) -> {
      ResponseMetadata.Builder metadata = ResponseMetadata.builder();
      String requestId = HttpTransport.requestId(response.headers());
      if (requestId != null) metadata.attribute(REQUEST_ID_ATTRIBUTE, requestId);
      return codec.decode(bytes, metadata);
    });
  }

  /** Sends a streamed chat request and emits its chunks; returns after the stream's end. */
  @Override
  public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    byte[] body = codec.encodeBytes(request, endpoint.model(call), call.params(), true);
    Request http = newRequest(endpoint.chatUrl(call), call)
        .header("Accept", "text/event-stream")
        .post(RequestBody.create(body, HttpUrls.JSON)).build();
    transport.stream(http, call, errors, sink, (source, response, out) -> codec.decodeStream(transport.sse(source),
        provider, response.code(), HttpTransport.requestId(response.headers()), out));
  }

  /** Computes embeddings: {@code dimensions} and {@code encoding_format} ({@code float} or {@code base64}) from the request. */
  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, ProviderCall call) {
    ObjectNode body = Json.object().put("model", endpoint.model(call));
    ArrayNode input = body.putArray("input");
    request.inputs().forEach(input::add);
    if (request.dimensions() != null) body.put("dimensions", request.dimensions());
    if (request.encodingFormat() != null) body.put("encoding_format", request.encodingFormat().wireName());
    if (request.user() != null) body.put("user", request.user());
    Json.merge(body, request.extras());
    Json.merge(body, call.params());
    Request http = newRequest(endpoint.embeddingsUrl(call), call)
        .post(RequestBody.create(Json.bytes(body), HttpUrls.JSON)).build();
    return transport.exchange(http, call, errors, (bytes, response) -> decodeEmbeddings(Json.read(bytes), call.model(), provider));
  }

  /** Decodes an embeddings response; vectors may be float arrays or base64 little-endian float32. */
  public static EmbeddingResponse decodeEmbeddings(JsonNode root, String fallbackModel, String provider) {
    List<Embedding> out = new ArrayList<>();
    int position = 0;
    for (JsonNode d : root.path("data")) {
      JsonNode v = d.get("embedding");
      float[] vector;
      if (v != null && v.isTextual()) {
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(v.asText())).order(ByteOrder.LITTLE_ENDIAN);
        vector = new float[buf.remaining() / 4];
        buf.asFloatBuffer().get(vector);
      } else if (v != null && v.isArray()) {
        vector = new float[v.size()];
        for (int i = 0; i < vector.length; i++) vector[i] = (float) v.get(i).asDouble();
      } else {
        throw new BodyFault(ProviderErrorCode.INVALID_RESPONSE, "an embedding has no vector", null, null);
      }
      out.add(Embedding.of(d.path("index").asInt(position), vector));
      position++;
    }
    int tokens = Json.intValue(root.get("usage"), "prompt_tokens", 0);
    String model = Json.text(root, "model");
    return EmbeddingResponse.builder().model(model == null ? fallbackModel : model).embeddings(out)
        .usage(Usage.of(tokens, 0)).build();
  }

  /** Lists the upstream models ({@code GET /models}). */
  @Override
  public List<ModelInfo> models(ProviderCall call) {
    Request http = newRequest(endpoint.modelsUrl(), call).get().build();
    return transport.exchange(http, call, errors, (bytes, response) -> {
      JsonNode root = Json.read(bytes);
      List<ModelInfo> out = new ArrayList<>();
      for (JsonNode m : root.path("data")) {
        String id = Json.text(m, "id");
        if (id == null || id.isBlank()) continue;
        String owner = Json.text(m, "owned_by");
        out.add(new ModelInfo(id, owner == null ? provider : owner,
            id.contains("embed") ? ModelInfo.Type.EMBEDDING : ModelInfo.Type.CHAT, null));
      }
      return out;
    });
  }

  private Request.Builder newRequest(HttpUrl url, ProviderCall call) {
    return headers.newRequest(url, call);
  }

  @Override
  public void close() {
    transport.close();
  }

}
