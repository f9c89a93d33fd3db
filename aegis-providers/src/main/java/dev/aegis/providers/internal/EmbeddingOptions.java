package dev.aegis.providers.internal;

import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderInvalidRequestException;

/**
 * Checks of embedding options a provider cannot honour, made before anything is sent.
 *
 * <p>Thread-safe (stateless).
 */
public final class EmbeddingOptions {
  private EmbeddingOptions() {}

  /**
   * Refuses {@link EmbeddingRequest.EncodingFormat#BASE64} for a provider that only answers with
   * float arrays (Gemini, Ollama's native API).
   *
   * @throws ProviderInvalidRequestException naming the provider and the option
   */
  public static void requireFloatEncoding(String provider, EmbeddingRequest request) {
    if (request.encodingFormat() == EmbeddingRequest.EncodingFormat.BASE64) {
      throw new ProviderInvalidRequestException(ProviderError.of(provider, 0, provider
          + " returns embeddings as float arrays only; encodingFormat BASE64 cannot be honoured"), null);
    }
  }
}
