package dev.aegis.providers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the recorded fixtures copied under {@code src/test/resources/fixtures}. */
public final class Fixtures {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  public static Path root() {
    URL url = Fixtures.class.getResource("/fixtures/README.md");
    if (url == null) throw new IllegalStateException("fixtures not on the test class path");
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String relative) {
    return new String(bytes(relative), StandardCharsets.UTF_8);
  }

  public static JsonNode json(String relative) {
    try {
      return JSON.readTree(bytes(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode jsonOf(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A text field of a JSON fixture, by JSON pointer ({@code /candidates/0/...}): for values too long to copy into a test. */
  public static String field(String relative, String pointer) {
    return textAt(json(relative), pointer);
  }

  /** A text field of line {@code line} (0-based, blank lines skipped) of a {@code *.chunks.txt} file, by JSON pointer. */
  public static String field(String relative, int line, String pointer) {
    return textAt(jsonOf(lines(relative).get(line).getBytes(StandardCharsets.UTF_8)), pointer);
  }

  private static String textAt(JsonNode root, String pointer) {
    JsonNode v = root.at(pointer);
    if (!v.isTextual()) throw new IllegalArgumentException("no text at " + pointer);
    return v.asText();
  }

  /** The non-empty lines of a {@code *.chunks.txt} file. */
  public static List<String> lines(String relative) {
    List<String> out = new ArrayList<>();
    for (String l : text(relative).split("\n")) {
      if (!l.isBlank()) out.add(l);
    }
    return out;
  }

  /** A {@code *.chunks.txt} file rebuilt as an SSE body ({@code data: <line>} + blank line each). */
  public static String sse(String relative) {
    StringBuilder sb = new StringBuilder();
    for (String l : lines(relative)) sb.append("data: ").append(l).append("\n\n");
    return sb.toString();
  }

  /** The interactions of a pydantic-ai VCR cassette. */
  public static List<JsonNode> interactions(String relative) {
    try {
      JsonNode root = YAML.readTree(bytes(relative));
      List<JsonNode> out = new ArrayList<>();
      root.get("interactions").forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The response body of a cassette interaction: raw string, binary, or parsed body re-serialized as JSON. */
  public static byte[] responseBody(JsonNode interaction) {
    JsonNode resp = interaction.get("response");
    JsonNode body = resp.get("body");
    if (body != null && body.has("string")) {
      JsonNode s = body.get("string");
      try {
        return s.isBinary() ? s.binaryValue() : s.asText().getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    JsonNode parsed = resp.get("parsed_body");
    if (parsed != null) {
      try {
        return JSON.writeValueAsBytes(parsed);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new byte[0];
  }

  public static int status(JsonNode interaction) {
    return interaction.get("response").get("status").get("code").asInt();
  }

  /** Files directly under a fixture folder whose names end with {@code suffix}, sorted. */
  public static List<String> list(String folder, String suffix) {
    try (Stream<Path> s = Files.list(path(folder))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted()
          .map(n -> folder + "/" + n).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
