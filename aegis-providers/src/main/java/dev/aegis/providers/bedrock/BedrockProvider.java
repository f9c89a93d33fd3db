package dev.aegis.providers.bedrock;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.credential.Credential;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.providers.aws.AwsCredentialProviders;
import dev.aegis.providers.aws.internal.EventStreamDecoder;
import dev.aegis.providers.aws.internal.SigV4Signer;
import dev.aegis.providers.bedrock.internal.BedrockCodec;
import dev.aegis.providers.bedrock.internal.BedrockStreamDecoder;
import dev.aegis.providers.internal.HttpTransport;
import dev.aegis.providers.internal.HttpUrls;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.OptionsReader;
import dev.aegis.providers.internal.RequestHeaders;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * Amazon Bedrock through the Converse and ConverseStream APIs
 * ({@code POST /model/{modelId}/converse} and {@code /converse-stream}), signed with AWS Signature
 * Version 4 (service {@code bedrock}) or authenticated with a Bedrock API key (bearer token).
 *
 * <p>Credentials come from the configured {@link CredentialProvider}: a
 * {@link Credential.AwsCredentials} is signed per attempt with the config's clock (session tokens
 * included), a {@link Credential.BearerToken} or {@link Credential.ApiKey} is sent as
 * {@code Authorization: Bearer}. Without configured credentials
 * {@link AwsCredentialProviders#environment()} is used. Model ids containing {@code :} or {@code /}
 * (versioned ids, inference-profile ARNs) are percent-encoded in the path and signed as SigV4
 * requires.
 *
 * <p>Options: {@code region} (else {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}; required);
 * {@code accessKeyId} with {@code secretAccessKey} and an optional {@code sessionToken} (fixed
 * access keys, as a configuration file sets them; else the credentials, else the environment).
 * The base URL defaults to {@code https://bedrock-runtime.<region>.amazonaws.com}.
 *
 * <pre>{@code
 * Provider bedrock = new BedrockProvider(ProviderConfig.builder("bedrock", "bedrock")
 *     .option("region", "eu-west-1")
 *     .credentials(AwsCredentialProviders.environment())
 *     .build());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class BedrockProvider implements Provider {
  /** The provider type. */
  public static final String TYPE = "bedrock";
  /** The SigV4 service name. */
  public static final String SERVICE = "bedrock";

  private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.CHAT, Capability.STREAMING,
      Capability.TOOLS, Capability.VISION, Capability.REASONING);

  private final ProviderConfig config;
  private final HttpTransport transport;
  private final HttpUrl baseUrl;
  private final URI endpoint;
  private final String hostHeader;
  private final SigV4Signer signer;
  private final CredentialProvider credentials;
  private final RequestHeaders headers;

  /**
   * Creates an instance.
   *
   * @throws ConfigException naming every invalid setting (a missing region included)
   */
  public BedrockProvider(ProviderConfig config) {
    this(config, null, System::getenv);
  }

  /**
   * Creates an instance that shares the gateway's connection pool through {@code context}
   * ({@code null}: a pool of its own, closed with the instance).
   *
   * @throws ConfigException naming every invalid setting (a missing region included)
   */
  public BedrockProvider(ProviderConfig config, @Nullable ProviderContext context) {
    this(config, context, System::getenv);
  }

  private static final String ACCESS_KEY_ID = "accessKeyId";
  private static final String SECRET_ACCESS_KEY = "secretAccessKey";
  private static final String SESSION_TOKEN = "sessionToken";

  BedrockProvider(ProviderConfig config, Function<String, @Nullable String> env) {
    this(config, null, env);
  }

  BedrockProvider(ProviderConfig config, @Nullable ProviderContext context, Function<String, @Nullable String> env) {
    this.config = config;
    OptionsReader options = new OptionsReader(config, Set.of("region", ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN));
    String region = options.get("region");
    region = region != null ? region.trim() : AwsCredentialProviders.regionFromEnvironment(env);
    if (region == null || region.isEmpty()) {
      options.problem("options.region", "is required (or set AWS_REGION)");
      region = "";
    }
    CredentialProvider keys = accessKeys(config, options);
    HttpUrl url = options.baseUrl("https://bedrock-runtime." + (region.isEmpty() ? "us-east-1" : region) + ".amazonaws.com");
    options.check();
    this.baseUrl = url;
    this.endpoint = HttpUrls.origin(url);
    this.hostHeader = url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ':' + url.port();
    this.signer = new SigV4Signer(region, SERVICE);
    this.credentials = keys != null ? keys
        : config.credentials() != null ? config.credentials() : AwsCredentialProviders.environment(env);
    // no credentials here: they are applied after the configured and target headers, as a signature must be
    this.headers = new RequestHeaders(config.name(), null, null, config.headers());
    this.transport = options.transport(context);
  }

  /**
   * The access keys set as options (a configuration file's {@code accessKeyId},
   * {@code secretAccessKey} and {@code sessionToken}), or {@code null} when none is; the problems
   * name the option, never a value.
   */
  private static @Nullable CredentialProvider accessKeys(ProviderConfig config, OptionsReader options) {
    String id = config.option(ACCESS_KEY_ID);
    String secret = config.option(SECRET_ACCESS_KEY);
    String token = config.option(SESSION_TOKEN);
    if (id == null && secret == null) {
      if (token != null) {
        options.problem("options." + SESSION_TOKEN, "needs accessKeyId and secretAccessKey");
      }
      return null;
    }
    if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
      options.problem("options." + (id == null || id.isBlank() ? ACCESS_KEY_ID : SECRET_ACCESS_KEY),
          "is required with " + (id == null || id.isBlank() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID));
      return null;
    }
    if (config.credentials() != null) {
      options.problem("options." + ACCESS_KEY_ID, "set either access keys or credentials (apiKey), not both");
      return null;
    }
    return AwsCredentialProviders.of(id.trim(), secret.trim(), token == null || token.isBlank() ? null : token.trim());
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
    Request http = request(call, BedrockCodec.encode(request, call.params()), "converse", false);
    return transport.exchange(http, call, BedrockCodec.ERRORS, (bytes, response) -> {
      String id = HttpTransport.requestId(response.headers());
      return BedrockCodec.decode(Json.read(bytes), id == null ? "" : id, call.model(),
          transport.clock().instant().getEpochSecond());
    });
  }

  @Override
  public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    Request http = request(call, BedrockCodec.encode(request, call.params()), "converse-stream", true);
    transport.stream(http, call, BedrockCodec.ERRORS, sink, (body, response, out) -> {
      String id = HttpTransport.requestId(response.headers());
      new BedrockStreamDecoder(name(), id == null ? "" : id, call.model())
          .decode(new EventStreamDecoder(body, transport.limits().maxEventBytes()), out);
    });
  }

  /** Builds and authenticates one attempt's request (a fresh signature and date per attempt). */
  Request request(ProviderCall call, com.fasterxml.jackson.databind.node.ObjectNode json, String action, boolean stream) {
    byte[] body = Json.bytes(json);
    HttpUrl url = baseUrl.newBuilder().addPathSegment("model")
        .addEncodedPathSegment(SigV4Signer.encodeSegment(call.model())).addPathSegment(action).build();
    Request.Builder b = headers.newRequest(url, call, Headers.of("content-type", "application/json",
        "accept", stream ? "application/vnd.amazon.eventstream" : "application/json"));
    Credential c = credentials.credential();
    if (c instanceof Credential.AwsCredentials) {
      Credential.AwsCredentials aws = (Credential.AwsCredentials) c;
      Instant now = config.clock().instant();
      String amzDate = SigV4Signer.amzDate(now);
      List<SigV4Signer.Header> signed = new ArrayList<>(5);
      signed.add(new SigV4Signer.Header("accept", stream ? "application/vnd.amazon.eventstream" : "application/json"));
      signed.add(new SigV4Signer.Header("content-type", "application/json"));
      signed.add(new SigV4Signer.Header("host", hostHeader));
      signed.add(new SigV4Signer.Header("x-amz-date", amzDate));
      b.header("x-amz-date", amzDate);
      if (aws.sessionToken() != null) {
        signed.add(new SigV4Signer.Header("x-amz-security-token", aws.sessionToken()));
        b.header("x-amz-security-token", aws.sessionToken());
      }
      SigV4Signer.Signature sig = signer.sign("POST", url.encodedPath(), "", signed,
          SigV4Signer.sha256Hex(body), aws, now, true);
      b.header("authorization", sig.authorization());
    } else {
      headers.authorize(b, c);
    }
    return b.post(RequestBody.create(body, HttpUrls.JSON)).build();
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "BedrockProvider{name=" + name() + ", region=" + signer.region() + ", url=" + baseUrl + '}';
  }
}
