package dev.aegis.providers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderInvalidRequestException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one Jackson configuration of the adapters: a mapper configured once and kept private (a
 * mapper is mutable: {@code configure(...)} anywhere would change every adapter), immutable
 * readers and writers derived from it, bytes in and out, never pretty-printed.
 *
 * <p>Thread-safe.
 */
public final class Json {
  private Json() {}

  /** The deepest JSON nesting read, from a client or a provider; a tool schema needs a few dozen. */
  public static final int MAX_NESTING_DEPTH = 500;
  /** The longest number read, in characters. */
  public static final int MAX_NUMBER_LENGTH = 1000;
  /** The longest field name read, in characters. */
  public static final int MAX_NAME_LENGTH = 50_000;

  // stated rather than left to Jackson's defaults, which have moved between releases; string and
  // document sizes are bounded by the body limits before a parser sees them
  private static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
      .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).maxNameLength(MAX_NAME_LENGTH)
          .build())
      .build())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, false);
  /** Reads JSON trees; immutable. */
  public static final ObjectReader TREE = MAPPER.reader();
  /** Writes JSON compactly; immutable. */
  public static final ObjectWriter WRITER = MAPPER.writer();
  /** Makes tree nodes; stateless. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * Parses bytes into a tree; throws {@link IOException} on malformed or empty input (Jackson
   * answers an empty body with a missing node, which would otherwise decode as an empty answer).
   */
  public static JsonNode read(byte[] bytes) throws IOException {
    return present(TREE.readTree(bytes));
  }

  /** Parses JSON text (a tool schema, tool-call arguments); malformed or empty text becomes an IOException. */
  public static JsonNode read(String text) throws IOException {
    return present(TREE.readTree(text));
  }

  private static JsonNode present(@Nullable JsonNode node) throws IOException {
    if (node == null || node.isMissingNode()) {
      throw new IOException("the response body is empty, not JSON");
    }
    return node;
  }

  /**
   * Parses JSON text the caller supplied (a tool schema, tool-call arguments) for a format that
   * embeds it as a tree; malformed text is the caller's mistake, so it fails before any request is
   * sent, as a {@link ProviderInvalidRequestException} naming {@code what}.
   */
  public static JsonNode requestJson(String provider, String text, String what) {
    try {
      return TREE.readTree(text);
    } catch (IOException e) {
      throw new ProviderInvalidRequestException(ProviderError.of(provider, 0, what + " is not valid JSON"), e);
    }
  }

  /** Parses JSON text, or returns {@code null} if it is malformed. */
  public static @Nullable JsonNode tryRead(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return TREE.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return WRITER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  public static String text(JsonNode node) {
    try {
      return WRITER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  /** A JSON-compatible Java value (String, Number, Boolean, null, List, Map) as a tree. */
  public static JsonNode tree(@Nullable Object value) {
    return MAPPER.valueToTree(value);
  }

  /** A tree as plain Java values (Map, List, String, Number, Boolean, null). */
  public static @Nullable Object plain(JsonNode node) {
    return MAPPER.convertValue(node, Object.class);
  }

  /** Merges extra body parameters (request extras, target params) into a request body. */
  public static void merge(ObjectNode body, Map<String, ?> extras) {
    for (Map.Entry<String, ?> e : extras.entrySet()) {
      body.set(e.getKey(), tree(e.getValue()));
    }
  }

  /** The fields of {@code node} not in {@code known}, as plain Java values (kept as response extras). */
  public static Map<String, @Nullable Object> unknownFields(JsonNode node, java.util.Set<String> known) {
    Map<String, @Nullable Object> extras = new LinkedHashMap<>();
    var it = node.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!known.contains(e.getKey())) {
        extras.put(e.getKey(), plain(e.getValue()));
      }
    }
    return extras;
  }

  /** Text of a field, or {@code null} when missing or JSON null. */
  public static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** An int field, or {@code fallback}. */
  public static int intValue(@Nullable JsonNode node, String field, int fallback) {
    if (node == null) {
      return fallback;
    }
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? fallback : v.asInt();
  }
}
