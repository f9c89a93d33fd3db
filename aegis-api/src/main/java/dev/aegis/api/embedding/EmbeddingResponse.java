package dev.aegis.api.embedding;

import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.internal.Checks;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Embeddings for the inputs of an {@link EmbeddingRequest}, in input order.
 *
 * <p>Immutable and thread-safe.
 */
public final class EmbeddingResponse {
  private final String model;
  private final List<Embedding> embeddings;
  private final Usage usage;
  private final ResponseMetadata metadata;

  public EmbeddingResponse(String model, List<Embedding> embeddings, Usage usage, ResponseMetadata metadata) {
    this.model = Checks.notNull(model, "model");
    this.embeddings = Checks.copyOf(embeddings, "embeddings");
    this.usage = Checks.notNull(usage, "usage");
    this.metadata = Checks.notNull(metadata, "metadata");
  }

  public String model() {
    return model;
  }

  public List<Embedding> embeddings() {
    return embeddings;
  }

  /** Usage (input tokens only). */
  public Usage usage() {
    return usage;
  }

  public ResponseMetadata metadata() {
    return metadata;
  }

  /** A copy with other metadata. */
  public EmbeddingResponse withMetadata(ResponseMetadata metadata) {
    return new EmbeddingResponse(model, embeddings, usage, metadata);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof EmbeddingResponse)) return false;
    EmbeddingResponse r = (EmbeddingResponse) o;
    return model.equals(r.model) && embeddings.equals(r.embeddings) && usage.equals(r.usage)
        && metadata.equals(r.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, embeddings, usage, metadata);
  }

  @Override
  public String toString() {
    return "EmbeddingResponse{model=" + model + ", embeddings=" + embeddings.size() + ", usage=" + usage + '}';
  }
}
