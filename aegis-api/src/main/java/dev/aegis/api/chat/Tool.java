package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A function the model may call.
 *
 * <pre>{@code
 * Tool weather = Tool.function("get_weather", "Current weather for a city",
 *     "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
 * Tool cached = Tool.builder("search").parameters(schema).strict(true).cacheHint(CacheHint.DEFAULT).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Tool {
  private final String name;
  private final @Nullable String description;
  private final String parameters;
  private final @Nullable Boolean strict;
  private final @Nullable CacheHint cacheHint;

  private Tool(Builder b) {
    name = Checks.notBlank(b.name, "name");
    description = b.description;
    parameters = Checks.notNull(b.parameters, "parameters");
    strict = b.strict;
    cacheHint = b.cacheHint;
  }

  /** A function tool. */
  public static Tool function(String name, @Nullable String description, String parametersJsonSchema) {
    return builder(name).description(description).parameters(parametersJsonSchema).build();
  }

  /** A builder for a function tool named {@code name}; its parameters default to an empty object schema. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The function name. */
  public String name() {
    return name;
  }

  /** What it does, or {@code null}. */
  public @Nullable String description() {
    return description;
  }

  /** The JSON Schema of its arguments as JSON text. */
  public String parameters() {
    return parameters;
  }

  /** OpenAI's strict schema adherence flag, or {@code null} for the provider default. */
  public @Nullable Boolean strict() {
    return strict;
  }

  /** A prompt-cache breakpoint after this tool definition (and the ones before it), or {@code null}. */
  public @Nullable CacheHint cacheHint() {
    return cacheHint;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof Tool)) return false;
    Tool t = (Tool) o;
    return name.equals(t.name) && Objects.equals(description, t.description)
        && parameters.equals(t.parameters) && Objects.equals(strict, t.strict)
        && Objects.equals(cacheHint, t.cacheHint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, description, parameters, strict, cacheHint);
  }

  @Override
  public String toString() {
    return "Tool{" + name + (cacheHint == null ? "" : ", " + cacheHint) + '}';
  }

  /** Builds a {@link Tool}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private @Nullable String description;
    private String parameters = "{\"type\":\"object\",\"properties\":{}}";
    private @Nullable Boolean strict;
    private @Nullable CacheHint cacheHint;

    private Builder(String name) {
      this.name = Checks.notBlank(name, "name");
    }

    private Builder(Tool t) {
      name = t.name;
      description = t.description;
      parameters = t.parameters;
      strict = t.strict;
      cacheHint = t.cacheHint;
    }

    public Builder name(String name) {
      this.name = Checks.notBlank(name, "name");
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /** The JSON Schema of the arguments, as JSON text. */
    public Builder parameters(String parametersJsonSchema) {
      this.parameters = Checks.notNull(parametersJsonSchema, "parameters");
      return this;
    }

    public Builder strict(@Nullable Boolean strict) {
      this.strict = strict;
      return this;
    }

    public Builder cacheHint(@Nullable CacheHint cacheHint) {
      this.cacheHint = cacheHint;
      return this;
    }

    public Tool build() {
      return new Tool(this);
    }
  }
}
