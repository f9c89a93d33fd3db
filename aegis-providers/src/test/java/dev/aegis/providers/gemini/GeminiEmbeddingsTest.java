package dev.aegis.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gemini embedContent and batchEmbedContents. */
class GeminiEmbeddingsTest {
  private MockWebServer server;
  private GeminiProvider provider;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    provider = new GeminiProvider(ProviderConfig.builder("g", "gemini").baseUrl(server.url("/v1beta").toString())
        .credentials(CredentialProvider.apiKey("k")).build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void single() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"embedding\":{\"values\":[0.5,-1.25]}}").build());
    EmbeddingResponse r = provider.embed(EmbeddingRequest.builder().addInput("hello").dimensions(2).build(),
        ProviderCall.builder().model("text-embedding-004").build());
    assertThat(r.embeddings()).hasSize(1);
    assertThat(r.embeddings().get(0).vector()).containsExactly(0.5f, -1.25f);
    RecordedRequest rec = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(rec.getTarget()).isEqualTo("/v1beta/models/text-embedding-004:embedContent");
    assertThat(rec.getHeaders().get("x-goog-api-key")).isEqualTo("k");
    assertThat(rec.getBody().utf8()).isEqualTo("{\"content\":{\"parts\":[{\"text\":\"hello\"}]},\"outputDimensionality\":2}");
  }

  @Test
  void batch() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"embeddings\":[{\"values\":[1]},{\"values\":[2]}]}").build());
    EmbeddingResponse r = provider.embed(EmbeddingRequest.builder().addInput("a").addInput("b").build(),
        ProviderCall.builder().model("models/text-embedding-004").build());
    assertThat(r.embeddings()).extracting(e -> e.get(0)).containsExactly(1f, 2f);
    assertThat(r.embeddings().get(1).index()).isEqualTo(1);
    RecordedRequest rec = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(rec.getTarget()).isEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents");
    assertThat(rec.getBody().utf8()).isEqualTo("{\"requests\":[{\"model\":\"models/text-embedding-004\",\"content\":{\"parts\":[{\"text\":\"a\"}]}},"
        + "{\"model\":\"models/text-embedding-004\",\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}");
  }
}
