package dev.aegis.api.embedding;

import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Embeddings for the inputs of an {@link EmbeddingRequest}, in input order.
 *
 * <pre>{@code
 * EmbeddingResponse r = EmbeddingResponse.builder().model("text-embedding-3-small")
 *     .addEmbedding(Embedding.of(0, new float[] {0.1f, 0.2f})).usage(Usage.of(3, 0)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class EmbeddingResponse {
  private final String model;
  private final List<Embedding> embeddings;
  private final Usage usage;
  private final ResponseMetadata metadata;

  private EmbeddingResponse(Builder b) {
    this.model = Checks.notNull(b.model, "model");
    this.embeddings = Checks.copyOf(b.embeddings, "embeddings");
    this.usage = Checks.notNull(b.usage, "usage");
    this.metadata = Checks.notNull(b.metadata, "metadata");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
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
    return toBuilder().metadata(metadata).build();
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

  /** Builds an {@link EmbeddingResponse}; usage defaults to zero and metadata to empty. Not thread-safe. */
  public static final class Builder {
    private @Nullable String model;
    private final List<Embedding> embeddings = new ArrayList<>();
    private Usage usage = Usage.ZERO;
    private ResponseMetadata metadata = ResponseMetadata.EMPTY;

    private Builder() {}

    private Builder(EmbeddingResponse r) {
      model = r.model;
      embeddings.addAll(r.embeddings);
      usage = r.usage;
      metadata = r.metadata;
    }

    public Builder model(String model) {
      this.model = Checks.notNull(model, "model");
      return this;
    }

    public Builder addEmbedding(Embedding embedding) {
      embeddings.add(Checks.notNull(embedding, "embedding"));
      return this;
    }

    /** Replaces the embeddings. */
    public Builder embeddings(List<Embedding> embeddings) {
      this.embeddings.clear();
      for (Embedding e : Checks.notNull(embeddings, "embeddings")) {
        addEmbedding(e);
      }
      return this;
    }

    public Builder usage(Usage usage) {
      this.usage = Checks.notNull(usage, "usage");
      return this;
    }

    public Builder metadata(ResponseMetadata metadata) {
      this.metadata = Checks.notNull(metadata, "metadata");
      return this;
    }

    public EmbeddingResponse build() {
      return new EmbeddingResponse(this);
    }
  }
}
