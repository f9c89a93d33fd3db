package dev.aegis.providers.openai;

/** Expected values computed from fixture files independently of the adapter. */
public final class OpenAiProviderTestSupport {
  private OpenAiProviderTestSupport() {}

  /** The concatenated {@code delta.content} strings of a chunks file. */
  public static String expectedText(String chunksPath) {
    return OpenAiProviderTest.expectedText(Fixtures.chunks(chunksPath));
  }
}
