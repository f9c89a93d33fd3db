package dev.aegis.api.embedding;

import dev.aegis.api.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request for embeddings of one or more texts.
 *
 * <pre>{@code
 * EmbeddingRequest request = EmbeddingRequest.builder().model("embed").addInput("hello").build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class EmbeddingRequest {
  private final @Nullable String model;
  private final List<String> inputs;
  private final @Nullable Integer dimensions;
  private final @Nullable EncodingFormat encodingFormat;
  private final @Nullable String user;
  private final Map<String, @Nullable Object> extras;

  /**
   * How the provider should encode vectors on the wire. The vectors a caller receives are
   * {@code float[]} either way; {@link #BASE64} only makes the answer smaller (OpenAI, Azure and
   * the compatible presets). An adapter whose provider cannot honour a format refuses it.
   */
  public enum EncodingFormat {
    FLOAT("float"),
    BASE64("base64");

    private final String wireName;

    EncodingFormat(String wireName) {
      this.wireName = wireName;
    }

    /** OpenAI's spelling: {@code float} or {@code base64}. */
    public String wireName() {
      return wireName;
    }
  }

  private EmbeddingRequest(Builder b) {
    model = b.model;
    inputs = Checks.copyOf(b.inputs, "inputs");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs must not be empty");
    }
    dimensions = b.dimensions;
    if (dimensions != null && dimensions <= 0) {
      throw new IllegalArgumentException("dimensions must be positive but was " + dimensions);
    }
    encodingFormat = b.encodingFormat;
    user = b.user;
    extras = Checks.copyOf(b.extras, "extras", true);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The requested model or alias, or {@code null} for the default embedding route. */
  public @Nullable String model() {
    return model;
  }

  public List<String> inputs() {
    return inputs;
  }

  /** Requested output dimensions, or {@code null} for the model's default. */
  public @Nullable Integer dimensions() {
    return dimensions;
  }

  /** The requested wire encoding of the vectors, or {@code null} for the provider's default (float). */
  public @Nullable EncodingFormat encodingFormat() {
    return encodingFormat;
  }

  public @Nullable String user() {
    return user;
  }

  /** Pass-through provider parameters (JSON-compatible values). */
  public Map<String, @Nullable Object> extras() {
    return extras;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof EmbeddingRequest)) return false;
    EmbeddingRequest r = (EmbeddingRequest) o;
    return Objects.equals(model, r.model) && inputs.equals(r.inputs)
        && Objects.equals(dimensions, r.dimensions) && encodingFormat == r.encodingFormat
        && Objects.equals(user, r.user)
        && extras.equals(r.extras);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, inputs, dimensions, encodingFormat, user, extras);
  }

  @Override
  public String toString() {
    return "EmbeddingRequest{model=" + model + ", inputs=" + inputs.size() + ", dimensions=" + dimensions + '}';
  }

  /** Builds an {@link EmbeddingRequest}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String model;
    private final List<String> inputs = new ArrayList<>();
    private @Nullable Integer dimensions;
    private @Nullable EncodingFormat encodingFormat;
    private @Nullable String user;
    private final Map<String, @Nullable Object> extras = new LinkedHashMap<>(0);

    private Builder() {}

    private Builder(EmbeddingRequest r) {
      model = r.model;
      inputs.addAll(r.inputs);
      dimensions = r.dimensions;
      encodingFormat = r.encodingFormat;
      user = r.user;
      extras.putAll(r.extras);
    }

    public Builder model(@Nullable String model) {
      this.model = model;
      return this;
    }

    public Builder addInput(String input) {
      inputs.add(Checks.notNull(input, "input"));
      return this;
    }

    public Builder inputs(List<String> inputs) {
      this.inputs.clear();
      for (String s : Checks.notNull(inputs, "inputs")) {
        addInput(s);
      }
      return this;
    }

    public Builder dimensions(@Nullable Integer dimensions) {
      this.dimensions = dimensions;
      return this;
    }

    public Builder encodingFormat(@Nullable EncodingFormat encodingFormat) {
      this.encodingFormat = encodingFormat;
      return this;
    }

    public Builder user(@Nullable String user) {
      this.user = user;
      return this;
    }

    public Builder extra(String name, @Nullable Object value) {
      extras.put(Checks.notNull(name, "extra name"), value);
      return this;
    }

    public EmbeddingRequest build() {
      return new EmbeddingRequest(this);
    }
  }
}
