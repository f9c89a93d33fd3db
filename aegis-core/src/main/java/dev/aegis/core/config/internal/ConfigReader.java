package dev.aegis.core.config.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aegis.api.error.ConfigException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML or JSON text into a tree, reporting a key written twice in one object (which
 * Jackson would silently resolve to the last) as a problem instead of losing it, and a syntax
 * error in the gateway's words with the file and line. One instance per read.
 */
public final class ConfigReader {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String source;
  private final List<ConfigException.Problem> problems;

  public ConfigReader(String source, List<ConfigException.Problem> problems) {
    this.source = source;
    this.problems = problems;
  }

  /**
   * The tree of {@code text}; an empty text is an empty object.
   *
   * @throws ConfigException for text that is not YAML (or, for a {@code .json} source, not JSON)
   */
  public ObjectNode read(String text) {
    boolean json = source.endsWith(".json");
    try (JsonParser p = (json ? JSON : YAML).createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return NODES.objectNode();
      }
      JsonNode root = value(p, "");
      if (!root.isObject()) {
        throw ConfigException.of(source, "the top level must be a map of settings (providers, routes, ...)");
      }
      return (ObjectNode) root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr();
      throw new ConfigException(List.of(new ConfigException.Problem(source,
          "not valid " + (json ? "JSON" : "YAML") + where + (json ? "; check for a missing comma, quote or brace"
              : "; check the indentation and the colon after each key"))), e);
    } catch (IOException e) {
      throw new ConfigException(List.of(new ConfigException.Problem(source, "could not be read")), e);
    }
  }

  private JsonNode value(JsonParser p, String path) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        ObjectNode o = NODES.objectNode();
        Map<String, Integer> lines = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int line = p.currentLocation().getLineNr();
          p.nextToken();
          String child = path.isEmpty() ? key : path + "." + key;
          JsonNode v = value(p, child);
          Integer first = lines.putIfAbsent(key, line);
          if (first != null) {
            problems.add(new ConfigException.Problem(child, "duplicate key (lines " + first + " and " + line
                + "); each name may appear once"));
          } else {
            o.set(key, v);
          }
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = NODES.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(value(p, path + "[" + i++ + "]"));
        }
        return a;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        // kept whole, so the validator can say "too large" at the key's path
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? NODES.numberNode(p.getBigIntegerValue())
            : NODES.numberNode(p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      default:
        return NODES.nullNode();
    }
  }
}
