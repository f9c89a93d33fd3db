package dev.aegis.providers.openai.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.Utf8;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of a JSON body a client sent to the gateway's endpoint: the body as an object,
 * then each field as the type it must have. A missing or {@code null} optional field is
 * {@code null}; anything else of the wrong type, or out of range, is an
 * {@link InvalidRequestException} in the gateway's words that names the field's path
 * ({@code messages[2].role}) and says what it was ("must be a string but was an integer").
 * Shared by {@link ChatCompletionsRequestDecoder} and the admin API's codec.
 *
 * <p>Stateless; thread-safe.
 */
public final class RequestFields {
  private RequestFields() {}

  /** The body as a JSON object, or an {@link InvalidRequestException} in the gateway's words (line and column). */
  public static JsonNode parseObject(byte[] body) {
    if (body.length == 0) throw invalid("the request body is empty; a JSON object is required", null);
    if (!Utf8.isValid(body, 0, body.length)) throw invalid("the request body is not valid UTF-8", null);
    JsonNode root;
    try {
      root = Json.TREE.readTree(body);
    } catch (JsonProcessingException e) {
      if (beyondLimits(e)) {
        throw new InvalidRequestException("the request body is beyond the gateway's JSON limits (nesting "
            + Json.MAX_NESTING_DEPTH + " levels deep, numbers of " + Json.MAX_NUMBER_LENGTH + " digits, names of "
            + Json.MAX_NAME_LENGTH + " characters)", null, e);
      }
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidRequestException("invalid JSON" + where + " in the request body", null, e);
    } catch (IOException e) {
      throw new InvalidRequestException("the request body could not be read as JSON", null, e);
    }
    if (root == null || !root.isObject()) throw invalid("the request body must be a JSON object", null);
    return root;
  }

  /** Whether the parser stopped at one of {@link Json}'s read limits (databind may wrap the parser's exception). */
  private static boolean beyondLimits(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException) return true;
    }
    return false;
  }

  public static String requiredString(JsonNode node, String field) {
    return requiredString(node, field, field);
  }

  public static String requiredString(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) throw invalid("'" + path + "' is required", path);
    if (!v.isTextual()) throw wrongType(path, "a string", v);
    return v.asText();
  }

  public static @Nullable String string(JsonNode node, String field) {
    return string(node, field, field);
  }

  public static @Nullable String string(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw wrongType(path, "a string", v);
    return v.asText();
  }

  public static @Nullable Double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isNumber()) throw wrongType(field, "a number", v);
    return v.asDouble();
  }

  /** An integer of up to 64 bits (a seed), read exactly: never through a double, which keeps 53. */
  public static @Nullable Long longInteger(JsonNode node, String field) {
    return integral(node, field, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  public static @Nullable Long integral(JsonNode node, String field, long min, long max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber()) throw wrongType(field, "an integer", v);
    // beyond 64 bits only the sign matters, read on this failing path alone
    boolean fits = v.canConvertToLong();
    if (fits ? v.asLong() > max : v.bigIntegerValue().signum() > 0) {
      throw invalid("'" + field + "' must be at most " + max + " but was " + v.asText(), field);
    }
    if (!fits || v.asLong() < min) {
      throw invalid("'" + field + "' must be at least " + min + " but was " + v.asText(), field);
    }
    return v.asLong();
  }

  public static @Nullable Integer integer(JsonNode node, String field) {
    Long v = integral(node, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
    return v == null ? null : v.intValue();
  }

  public static @Nullable Boolean bool(JsonNode node, String field) {
    return bool(node, field, field);
  }

  public static @Nullable Boolean bool(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw wrongType(path, "a boolean", v);
    return v.asBoolean();
  }

  public static InvalidRequestException wrongType(String path, String expected, @Nullable JsonNode actual) {
    return invalid("'" + path + "' must be " + expected + " but was " + describe(actual), path);
  }

  /** The JSON type of a value, as a client reads it. */
  public static String describe(@Nullable JsonNode v) {
    if (v == null || v.isMissingNode()) return "missing";
    if (v.isNull()) return "null";
    if (v.isTextual()) return "a string";
    if (v.isBoolean()) return "a boolean";
    if (v.isIntegralNumber()) return "an integer";
    if (v.isNumber()) return "a number";
    if (v.isArray()) return "an array";
    return "an object";
  }

  public static InvalidRequestException invalid(String message, @Nullable String param) {
    return new InvalidRequestException(message, param);
  }
}
