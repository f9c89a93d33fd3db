package dev.aegis.api.chat;

import org.jspecify.annotations.Nullable;

/**
 * A prompt-cache breakpoint: "the prompt up to and including this block is worth caching". Put
 * it on a content part (the text of a system message, a text or image part, the text of a tool
 * result) or on a {@link Tool}. Adapters translate it where the provider caches on request
 * (Anthropic {@code cache_control}, Bedrock Converse {@code cachePoint}) and drop it where the
 * provider caches on its own (OpenAI, Azure, the compatible presets, Gemini's implicit cache).
 * The gateway never reorders messages, parts or tools, so a stable prefix stays stable.
 *
 * <pre>{@code
 * Message system = Message.builder(Role.SYSTEM)
 *     .addPart(ContentPart.text(longInstructions).withCacheHint(CacheHint.ONE_HOUR))
 *     .build();
 * }</pre>
 *
 * @param ttl how long the provider should keep the entry, or {@code null} for its default
 *     (five minutes on Anthropic and Bedrock)
 *     <p>Immutable and thread-safe.
 */
public record CacheHint(@Nullable Ttl ttl) {
  /** A breakpoint with the provider's default lifetime. */
  public static final CacheHint DEFAULT = new CacheHint(null);
  /** A breakpoint kept for five minutes. */
  public static final CacheHint FIVE_MINUTES = new CacheHint(Ttl.FIVE_MINUTES);
  /** A breakpoint kept for one hour (billed at a higher write rate). */
  public static final CacheHint ONE_HOUR = new CacheHint(Ttl.ONE_HOUR);

  /** The cache lifetimes providers offer. */
  public enum Ttl {
    FIVE_MINUTES("5m"),
    ONE_HOUR("1h");

    private final String wireName;

    Ttl(String wireName) {
      this.wireName = wireName;
    }

    /** The provider spelling: {@code 5m} or {@code 1h}. */
    public String wireName() {
      return wireName;
    }
  }
}
