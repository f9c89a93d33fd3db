package dev.aegis.providers.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.providers.internal.HttpUrls;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.OptionsReader;
import dev.aegis.providers.internal.RequestHeaders;
import dev.aegis.providers.openai.ChatCompletionsAdapter;
import dev.aegis.providers.openai.internal.ChatCompletionsClient;
import dev.aegis.providers.openai.internal.ChatCompletionsCodec;
import dev.aegis.providers.openai.internal.OpenAiErrors;
import dev.aegis.providers.openai.internal.Quirks;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The Azure OpenAI adapter: Chat Completions, embeddings and model listing against a
 * deployment-based URL, {@code {baseUrl}/openai/deployments/{deployment}/chat/completions?api-version=...}
 * (or, with {@code apiVersion: v1}, the v1 API {@code {baseUrl}/openai/v1/chat/completions} with the
 * deployment in the body's {@code model}).
 *
 * <p><b>Deployment.</b> The option {@code deployment} fixes the deployment of this instance;
 * without it, the deployment is {@link ProviderCall#model()}, which is the target's model override
 * (so each target names its deployment with {@code model:}); never the caller's requested model
 * unless the target leaves the override out.
 *
 * <p><b>Credentials.</b> An API key goes into the {@code api-key} header; a bearer token (a
 * Microsoft Entra access token, typically from a refreshing
 * {@link dev.aegis.api.credential.CredentialProvider}) into {@code Authorization: Bearer}. The
 * credential is read per request.
 *
 * <p><b>Content filtering.</b> A filtered answer has finish reason {@code content_filter}; the
 * per-choice {@code content_filter_results} are in the metadata attribute
 * {@value #CONTENT_FILTER_RESULTS} (a list, one entry per choice), every category with
 * {@code filtered: true} (prompt or completion) in {@value #FILTERED_CATEGORIES}, and
 * {@code prompt_filter_results} in {@link ChatResponse#extras()}. A prompt rejected with HTTP 400
 * {@code code: content_filter} raises {@link dev.aegis.api.error.ContentFilterException} whose
 * message lists the filtered categories. In streams, Azure's first empty-id prompt-filter chunk
 * and asynchronous-filter annotation chunks are consumed; an annotation with finish reason
 * {@code content_filter} ends the choice with that reason.
 *
 * <p>Options: {@code deployment}, {@code apiVersion} (default {@value #DEFAULT_API_VERSION}),
 * {@code resource} (instead of a base URL: {@code https://{resource}.openai.azure.com}).
 *
 * <pre>{@code
 * ProviderConfig config = ProviderConfig.builder("azure-eu", "azure-openai")
 *     .baseUrl("https://my-resource.openai.azure.com")
 *     .credentials(CredentialProvider.refreshing(entraTokenLoader, Duration.ofMinutes(5), Clock.systemUTC()))
 *     .option("deployment", "gpt-4o-prod")
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe: one instance serves concurrent calls.
 */
public final class AzureOpenAiProvider extends ChatCompletionsAdapter {
  /** The default {@code api-version}. */
  public static final String DEFAULT_API_VERSION = "2024-10-21";
  /** Metadata attribute: the per-choice {@code content_filter_results}, as plain Java values. */
  public static final String CONTENT_FILTER_RESULTS = "azure.contentFilterResults";
  /** Metadata attribute: the names of the categories that were filtered, prompt or completion. */
  public static final String FILTERED_CATEGORIES = "azure.filteredCategories";
  private static final Set<String> OPTIONS = Set.of("deployment", "apiVersion", "resource");
  private static final Set<Capability> CAPABILITIES = EnumSet.allOf(Capability.class);

  /** Azure's dialect: OpenAI's, plus content-filter results read into the metadata. */
  static final Quirks QUIRKS = new Quirks() {
    @Override
    public String maxTokensField() {
      return "max_completion_tokens";
    }

    @Override
    public void response(JsonNode root, ResponseMetadata.Builder metadata) {
      Set<String> filtered = new LinkedHashSet<>();
      JsonNode prompts = root.get("prompt_filter_results");
      if (prompts == null) prompts = root.get("prompt_annotations");
      if (prompts != null) {
        for (JsonNode p : prompts) filtered.addAll(OpenAiErrors.filteredCategories(p));
      }
      List<Object> perChoice = new ArrayList<>();
      for (JsonNode c : root.path("choices")) {
        JsonNode results = c.get("content_filter_results");
        if (results != null && results.isObject()) {
          Object plain = Json.plain(results);
          perChoice.add(plain == null ? Map.of() : plain);
          filtered.addAll(OpenAiErrors.filteredCategories(c));
        }
      }
      if (!perChoice.isEmpty()) metadata.attribute(CONTENT_FILTER_RESULTS, List.copyOf(perChoice));
      if (!filtered.isEmpty()) metadata.attribute(FILTERED_CATEGORIES, List.copyOf(filtered));
    }
  };

  private AzureOpenAiProvider(ChatCompletionsClient client) {
    super(client);
  }

  /**
   * Creates an instance from configuration.
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting
   */
  public static AzureOpenAiProvider create(ProviderConfig config) {
    return create(config, null);
  }

  /**
   * Creates an instance that shares the gateway's connection pool through {@code context}
   * ({@code null}: a pool of its own, closed with the instance).
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting
   */
  public static AzureOpenAiProvider create(ProviderConfig config, @Nullable ProviderContext context) {
    OptionsReader options = new OptionsReader(config, OPTIONS);
    String resource = options.get("resource");
    if (resource != null && config.baseUrl() != null) {
      options.problem("options.resource", "set either baseUrl or resource, not both");
    }
    HttpUrl base = options.baseUrl(resource == null ? null : "https://" + resource + ".openai.azure.com");
    String apiVersion = options.get("apiVersion") == null ? DEFAULT_API_VERSION : options.get("apiVersion");
    options.check();
    Endpoint endpoint = new Endpoint(base, apiVersion, options.get("deployment"));
    return new AzureOpenAiProvider(new ChatCompletionsClient(config.name(), AzureOpenAiProviderFactory.TYPE,
        CAPABILITIES, options.transport(context), new ChatCompletionsCodec(QUIRKS), endpoint,
        new RequestHeaders(config.name(), config.credentials(), "api-key", config.headers())));
  }

  private static final class Endpoint implements ChatCompletionsClient.Endpoint {
    private final HttpUrl base;
    private final String apiVersion;
    private final boolean v1;
    private final @Nullable String deployment;
    private final Map<String, HttpUrl> chatUrls = new ConcurrentHashMap<>();
    private final Map<String, HttpUrl> embeddingUrls = new ConcurrentHashMap<>();
    private final HttpUrl models;

    Endpoint(HttpUrl base, String apiVersion, @Nullable String deployment) {
      this.base = base;
      this.apiVersion = apiVersion;
      this.v1 = apiVersion.equals("v1");
      this.deployment = deployment;
      this.models = url(v1 ? "openai/v1/models" : "openai/models");
    }

    private HttpUrl url(String path) {
      HttpUrl u = HttpUrls.resolve(base, path);
      return v1 ? u : u.newBuilder().setQueryParameter("api-version", apiVersion).build();
    }

    @Override
    public String model(ProviderCall call) {
      return deployment != null ? deployment : call.model();
    }

    @Override
    public HttpUrl chatUrl(ProviderCall call) {
      return cached(chatUrls, model(call), "chat/completions");
    }

    @Override
    public HttpUrl embeddingsUrl(ProviderCall call) {
      return cached(embeddingUrls, model(call), "embeddings");
    }

    /** URLs per deployment, cached for the first 64 deployments (a bound against arbitrary model names). */
    private HttpUrl cached(Map<String, HttpUrl> cache, String deployment, String operation) {
      HttpUrl u = cache.get(deployment);
      if (u == null) {
        u = v1 ? url("openai/v1/" + operation) : deploymentUrl(deployment, operation);
        if (cache.size() < 64) cache.put(deployment, u);
      }
      return u;
    }

    private HttpUrl deploymentUrl(String deployment, String operation) {
      return HttpUrls.resolve(base, "openai/deployments").newBuilder()
          .addPathSegment(deployment).addPathSegments(operation)
          .setQueryParameter("api-version", apiVersion).build();
    }

    @Override
    public HttpUrl modelsUrl() {
      return models;
    }
  }
}
