package dev.aegis.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.providers.gemini.internal.GeminiCodec;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.testing.WireRequests;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact Gemini wire JSON: cache hints dropped (Gemini caches implicitly), an explicit
 * {@code cachedContent} passed through, tool order kept, embedding options mapped or refused.
 */
class GeminiWireTest {
  static final String IMAGE = WireRequests.IMAGE;
  static final String SCHEMA = WireRequests.SCHEMA;

  @Test
  void cacheHintsAreDroppedAndCachedContentPassesThrough() {
    String expected = "{\"systemInstruction\":{\"parts\":[{\"text\":\"Long instructions.\"}]},"
        + "\"contents\":["
        + "{\"role\":\"user\",\"parts\":[{\"text\":\"Look:\"},{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + IMAGE + "\"}}]},"
        + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"lookup\",\"args\":{\"city\":\"Paris\"}}}]},"
        + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"lookup\",\"response\":{\"temperature\":21}}}]}],"
        + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"lookup\",\"description\":\"Look a city up\",\"parameters\":" + SCHEMA + "}]}]";
    assertThat(Json.text(GeminiCodec.encode(WireRequests.cacheMarked(), Map.of()))).isEqualTo(expected + "}");
    // an explicit cache, from the request's extras or the target's params
    assertThat(Json.text(GeminiCodec.encode(WireRequests.cacheMarked().toBuilder().extra("cachedContent", "cachedContents/req").build(),
        Map.of()))).isEqualTo(expected + ",\"cachedContent\":\"cachedContents/req\"}");
    assertThat(Json.text(GeminiCodec.encode(WireRequests.cacheMarked(), Map.of("cachedContent", "cachedContents/target"))))
        .isEqualTo(expected + ",\"cachedContent\":\"cachedContents/target\"}");
  }

  @Test
  void twentyToolsKeepTheirOrder() {
    StringBuilder decls = new StringBuilder();
    for (String name : WireRequests.twentyToolNames()) {
      if (decls.length() > 0) decls.append(',');
      decls.append("{\"name\":\"").append(name).append("\",\"parameters\":").append(SCHEMA).append('}');
    }
    assertThat(Json.text(GeminiCodec.encode(WireRequests.withTwentyTools(), Map.of()))).isEqualTo("{\"contents\":[{\"role\":\"user\","
        + "\"parts\":[{\"text\":\"Pick one.\"}]}],\"tools\":[{\"functionDeclarations\":[" + decls + "]}]}");
  }

  @Test
  void embeddingDimensionsBecomeOutputDimensionalityAndBase64IsRefused() {
    EmbeddingRequest one = EmbeddingRequest.builder().addInput("hello").dimensions(256)
        .encodingFormat(EmbeddingRequest.EncodingFormat.FLOAT).build();
    assertThat(Json.text(GeminiCodec.encodeEmbedding(one, Map.of()))).isEqualTo(
        "{\"content\":{\"parts\":[{\"text\":\"hello\"}]},\"outputDimensionality\":256}");
    EmbeddingRequest two = one.toBuilder().addInput("world").build();
    assertThat(Json.text(GeminiCodec.encodeEmbeddings("text-embedding-004", two, Map.of()))).isEqualTo("{\"requests\":["
        + "{\"model\":\"models/text-embedding-004\",\"content\":{\"parts\":[{\"text\":\"hello\"}]},\"outputDimensionality\":256},"
        + "{\"model\":\"models/text-embedding-004\",\"content\":{\"parts\":[{\"text\":\"world\"}]},\"outputDimensionality\":256}]}");
    EmbeddingRequest base64 = one.toBuilder().encodingFormat(EmbeddingRequest.EncodingFormat.BASE64).build();
    assertThatThrownBy(() -> GeminiCodec.encodeEmbedding(base64, Map.of()))
        .isInstanceOf(ProviderInvalidRequestException.class)
        .hasMessageContaining("gemini returns embeddings as float arrays only; encodingFormat BASE64 cannot be honoured");
  }
}
