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
}
