package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A function the model may call.
 *
 * <pre>{@code
 * Tool weather = Tool.function("get_weather", "Current weather for a city",
 *     "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
 * }</pre>
 *
 * @param name the function name
 * @param description what it does, or {@code null}
 * @param parameters the JSON Schema of its arguments as JSON text; {@code "{}"}-like schemas allowed
 * @param strict OpenAI's strict schema adherence flag, or {@code null} for the provider default
 *     <p>Immutable and thread-safe.
 */
public record Tool(String name, @Nullable String description, String parameters, @Nullable Boolean strict) {
  public Tool {
    Checks.notBlank(name, "name");
    Checks.notNull(parameters, "parameters");
  }

  /** A function tool. */
  public static Tool function(String name, @Nullable String description, String parametersJsonSchema) {
    return new Tool(name, description, parametersJsonSchema, null);
  }
}
