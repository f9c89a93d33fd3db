package dev.aegis.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aegis.providers.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the recorded fixtures copied under {@code src/test/resources/fixtures} (see the README there). */
public final class Fixtures {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Fixtures() {}

  /** A fixture file's text. */
  public static String text(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String path) {
    try {
      return Json.read(text(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code *.chunks.txt} file (one SSE data payload per line) rebuilt as an SSE body, optionally ending in [DONE]. */
  public static String sse(String chunksPath, boolean done) {
    StringBuilder sb = new StringBuilder();
    for (String line : text(chunksPath).split("\n")) {
      if (!line.isBlank()) sb.append("data: ").append(line).append("\n\n");
    }
    if (done) sb.append("data: [DONE]\n\n");
    return sb.toString();
  }

  /** The non-blank lines of a {@code *.chunks.txt} file, parsed. */
  public static List<JsonNode> chunks(String chunksPath) {
    return text(chunksPath).lines().filter(l -> !l.isBlank()).map(l -> {
      try {
        return Json.read(l);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
  }

  /** A VCR cassette (pydantic-ai) as a tree. */
  public static JsonNode cassette(String path) {
    try {
      return YAML.readTree(text(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The response body of interaction {@code i}: the raw {@code body.string}, or {@code parsed_body} as JSON. */
  public static String cassetteBody(String path, int i) {
    JsonNode response = cassette(path).path("interactions").get(i).path("response");
    JsonNode raw = response.path("body").get("string");
    if (raw != null && raw.isTextual()) return raw.asText();
    return Json.text(response.get("parsed_body"));
  }

  public static int cassetteStatus(String path, int i) {
    return cassette(path).path("interactions").get(i).path("response").path("status").path("code").asInt();
  }

  /** The request body of interaction {@code i} as recorded ({@code parsed_body}). */
  public static JsonNode cassetteRequest(String path, int i) {
    return cassette(path).path("interactions").get(i).path("request").path("parsed_body");
  }
}
