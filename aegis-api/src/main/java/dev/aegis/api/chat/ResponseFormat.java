package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The requested output format: plain text, any JSON object, or JSON conforming to a schema.
 *
 * @param type the format type
 * @param name the schema's name (JSON_SCHEMA only)
 * @param schema the JSON Schema as JSON text (JSON_SCHEMA only)
 * @param strict strict schema adherence (JSON_SCHEMA only), or {@code null} for the default
 *     <p>Immutable and thread-safe.
 */
public record ResponseFormat(Type type, @Nullable String name, @Nullable String schema, @Nullable Boolean strict) {
  public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, null);
  public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null, null);

  /** Format types, as in OpenAI's {@code response_format.type}. */
  public enum Type { TEXT, JSON_OBJECT, JSON_SCHEMA }

  public ResponseFormat {
    Checks.notNull(type, "type");
    if (type == Type.JSON_SCHEMA && (name == null || schema == null)) {
      throw new IllegalArgumentException("JSON_SCHEMA needs a name and a schema");
    }
  }

  /** JSON that conforms to the given schema. */
  public static ResponseFormat jsonSchema(String name, String schemaJson, @Nullable Boolean strict) {
    return new ResponseFormat(Type.JSON_SCHEMA, Checks.notBlank(name, "name"),
        Checks.notNull(schemaJson, "schema"), strict);
  }
}
