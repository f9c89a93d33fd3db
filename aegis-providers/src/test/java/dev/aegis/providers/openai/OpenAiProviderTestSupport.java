package dev.aegis.providers.openai;

/** Expected values computed from fixture files independently of the adapter. */
public final class OpenAiProviderTestSupport {
  private OpenAiProviderTestSupport() {}

  /** The concatenated {@code delta.content} strings of a chunks file. */
  public static String expectedText(String chunksPath) {
    return OpenAiProviderTest.expectedText(Fixtures.chunks(chunksPath));
  }

  /** The concatenated {@code delta.reasoning_content} (or {@code delta.reasoning}) strings of a chunks file. */
  public static String expectedReasoning(String chunksPath) {
    StringBuilder sb = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonNode c : Fixtures.chunks(chunksPath)) {
      for (com.fasterxml.jackson.databind.JsonNode choice : c.path("choices")) {
        com.fasterxml.jackson.databind.JsonNode r = choice.path("delta").get("reasoning_content");
        if (r == null || !r.isTextual()) r = choice.path("delta").get("reasoning");
        if (r != null && r.isTextual()) sb.append(r.asText());
      }
    }
    return sb.toString();
  }

  /** The concatenated {@code delta.content} strings of a raw SSE body (a cassette's stream). */
  public static String expectedTextOfSse(String sse) {
    StringBuilder sb = new StringBuilder();
    for (String line : sse.split("\n")) {
      if (!line.startsWith("data: {")) continue;
      com.fasterxml.jackson.databind.JsonNode e = dev.aegis.providers.internal.Json.tryRead(line.substring(6));
      if (e == null) continue;
      for (com.fasterxml.jackson.databind.JsonNode choice : e.path("choices")) {
        com.fasterxml.jackson.databind.JsonNode content = choice.path("delta").get("content");
        if (content != null && content.isTextual()) sb.append(content.asText());
      }
    }
    return sb.toString();
  }
}
