package dev.aegis.core.internal.telemetry;

import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.ProviderException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every OpenTelemetry GenAI semantic-convention name the gateway emits, in one place, in two
 * editions. The GenAI conventions left the main semantic-conventions repository in 2026
 * ({@code open-telemetry/semantic-conventions-genai}) and renamed the client instruments; as the
 * conventions' transition plan asks, the edition of the last main release is the default and the
 * latest is emitted only when {@code OTEL_SEMCONV_STABILITY_OPT_IN} contains
 * {@code gen_ai_latest_experimental} (or the builder says so, which wins):
 *
 * <table>
 *   <tr><th>default (main semantic-conventions)</th><th>latest (semantic-conventions-genai)</th></tr>
 *   <tr><td>{@code gen_ai.client.operation.duration}</td><td>{@code gen_ai.client.inference.duration}</td></tr>
 *   <tr><td>{@code gen_ai.client.token.usage} histogram, {@code gen_ai.token.type=input|output}</td>
 *       <td>{@code gen_ai.client.inference.usage.input_tokens}, {@code .output_tokens},
 *       {@code .cache_read.input_tokens}, {@code .cache_write.input_tokens},
 *       {@code .reasoning.output_tokens} counters</td></tr>
 *   <tr><td>{@code gen_ai.client.operation.time_to_first_chunk}</td>
 *       <td>{@code gen_ai.client.inference.time_to_first_chunk}</td></tr>
 *   <tr><td>{@code gen_ai.client.operation.time_per_output_chunk}</td>
 *       <td>{@code gen_ai.client.inference.time_per_output_chunk}</td></tr>
 * </table>
 *
 * <p>Span and attribute names are the same in both editions. Immutable and thread-safe.
 */
public final class GenAiConventions {
  public static final String OPT_IN_ENV = "OTEL_SEMCONV_STABILITY_OPT_IN";
  public static final String LATEST_OPT_IN = "gen_ai_latest_experimental";

  // attributes
  public static final String OPERATION_NAME = "gen_ai.operation.name";
  public static final String PROVIDER_NAME = "gen_ai.provider.name";
  public static final String REQUEST_MODEL = "gen_ai.request.model";
  public static final String RESPONSE_MODEL = "gen_ai.response.model";
  public static final String RESPONSE_ID = "gen_ai.response.id";
  public static final String RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";
  public static final String RESPONSE_TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk";
  public static final String REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";
  public static final String REQUEST_TEMPERATURE = "gen_ai.request.temperature";
  public static final String REQUEST_TOP_P = "gen_ai.request.top_p";
  public static final String REQUEST_STREAM = "gen_ai.request.stream";
  public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
  public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  public static final String USAGE_CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens";
  public static final String USAGE_CACHE_WRITE_INPUT_TOKENS = "gen_ai.usage.cache_write.input_tokens";
  public static final String USAGE_REASONING_OUTPUT_TOKENS = "gen_ai.usage.reasoning.output_tokens";
  /** Opt-in: the chat history sent, as the conventions' JSON message structure. */
  public static final String INPUT_MESSAGES = "gen_ai.input.messages";
  /** Opt-in: the answer, likewise. */
  public static final String OUTPUT_MESSAGES = "gen_ai.output.messages";
  public static final String TOKEN_TYPE = "gen_ai.token.type";
  public static final String ERROR_TYPE = "error.type";
  public static final String SERVER_ADDRESS = "server.address";
  public static final String SERVER_PORT = "server.port";

  // operation names
  public static final String OP_CHAT = "chat";
  public static final String OP_EMBEDDINGS = "embeddings";

  /** The value for {@link #ERROR_TYPE} when the error has no better class. */
  public static final String ERROR_OTHER = "_OTHER";

  private static final GenAiConventions DEFAULT = new GenAiConventions(false);
  private static final GenAiConventions LATEST = new GenAiConventions(true);

  /** Provider types (as the provider factories name them) to the conventions' well-known values. */
  private static final Map<String, String> WELL_KNOWN = Map.ofEntries(
      Map.entry("openai", "openai"),
      Map.entry("azure", "azure.ai.openai"),
      Map.entry("azure-openai", "azure.ai.openai"),
      Map.entry("anthropic", "anthropic"),
      Map.entry("bedrock", "aws.bedrock"),
      Map.entry("gemini", "gcp.gemini"),
      Map.entry("vertex", "gcp.vertex_ai"),
      Map.entry("mistral", "mistral_ai"),
      Map.entry("groq", "groq"),
      Map.entry("deepseek", "deepseek"),
      Map.entry("xai", "x_ai"),
      Map.entry("perplexity", "perplexity"),
      Map.entry("cohere", "cohere"),
      Map.entry("ibm", "ibm.watsonx.ai"));

  private final boolean latest;
  private final String duration;
  private final String timeToFirstChunk;
  private final String timePerOutputChunk;

  private GenAiConventions(boolean latest) {
    this.latest = latest;
    String prefix = latest ? "gen_ai.client.inference." : "gen_ai.client.operation.";
    this.duration = prefix + "duration";
    this.timeToFirstChunk = prefix + "time_to_first_chunk";
    this.timePerOutputChunk = prefix + "time_per_output_chunk";
  }

  /** The edition to emit: {@code latest} when given, else from {@code OTEL_SEMCONV_STABILITY_OPT_IN}. */
  public static GenAiConventions resolve(@Nullable Boolean latest) {
    if (latest != null) {
      return latest ? LATEST : DEFAULT;
    }
    return optsIn(System.getenv(OPT_IN_ENV)) ? LATEST : DEFAULT;
  }

  /** Whether an {@code OTEL_SEMCONV_STABILITY_OPT_IN} value (a comma-separated list) opts in. */
  public static boolean optsIn(@Nullable String value) {
    if (value == null) {
      return false;
    }
    for (String part : value.split(",")) {
      if (part.trim().toLowerCase(Locale.ROOT).equals(LATEST_OPT_IN)) {
        return true;
      }
    }
    return false;
  }

  public static GenAiConventions defaults() {
    return DEFAULT;
  }

  public static GenAiConventions latest() {
    return LATEST;
  }

  /**
   * The {@code gen_ai.provider.name} for a provider type: the well-known value where the
   * conventions define one, else the type itself (e.g. {@code ollama}, {@code mock}), as the
   * conventions allow for providers they do not list.
   */
  public static String providerName(String providerType) {
    String known = WELL_KNOWN.get(providerType);
    return known != null ? known : providerType;
  }

  /**
   * The {@code error.type} of a failure, low-cardinality: the upstream HTTP status when there is
   * one (as the conventions' examples do, {@code 500}), else the gateway's error kind
   * ({@code timeout}, {@code no_route}, {@code cancelled}, ...).
   */
  public static String errorType(GatewayException e) {
    if (e instanceof ProviderException) {
      int status = ((ProviderException) e).status();
      if (status > 0) {
        return Integer.toString(status);
      }
    }
    return e.kind().name().toLowerCase(Locale.ROOT);
  }

  public boolean isLatest() {
    return latest;
  }

  /** The client operation duration histogram (seconds). */
  public String duration() {
    return duration;
  }

  /** The time-to-first-chunk histogram of streamed calls (seconds). */
  public String timeToFirstChunk() {
    return timeToFirstChunk;
  }

  /** The time-per-output-chunk histogram of streamed calls, after the first chunk (seconds). */
  public String timePerOutputChunk() {
    return timePerOutputChunk;
  }

  /** The default edition's token histogram, tagged {@link #TOKEN_TYPE}; {@code null} in the latest. */
  public @Nullable String tokenUsage() {
    return latest ? null : "gen_ai.client.token.usage";
  }

  /** A latest-edition usage counter, e.g. {@code usageCounter("input_tokens")}; {@code null} by default. */
  public @Nullable String usageCounter(String kind) {
    return latest ? "gen_ai.client.inference.usage." + kind : null;
  }
}
