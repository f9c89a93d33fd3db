package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * One part of a message's content: text or an image, each optionally marked as a prompt-cache
 * breakpoint ({@link CacheHint}).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.Image {

  /** A text part. */
  static Text text(String text) {
    return new Text(text, null);
  }

  /** An image by URL: {@code https://...} or a {@code data:image/png;base64,...} URL. */
  static Image image(String url) {
    return new Image(url, null, null);
  }

  /** An image from raw base64 data and its media type, such as {@code image/png}. */
  static Image imageData(String mediaType, String base64) {
    return new Image("data:" + Checks.notBlank(mediaType, "mediaType") + ";base64,"
        + Checks.notNull(base64, "base64"), null, null);
  }

  /** The cache breakpoint on this part, or {@code null}. */
  @Nullable CacheHint cacheHint();

  /** A copy of this part carrying the given cache breakpoint (or none, for {@code null}). */
  ContentPart withCacheHint(@Nullable CacheHint hint);

  /**
   * Text content.
   *
   * @param text the text, never null (may be empty)
   * @param cacheHint a prompt-cache breakpoint after this part, or {@code null}
   */
  record Text(String text, @Nullable CacheHint cacheHint) implements ContentPart {
    public Text {
      Checks.notNull(text, "text");
    }

    public Text(String text) {
      this(text, null);
    }

    @Override
    public Text withCacheHint(@Nullable CacheHint hint) {
      return new Text(text, hint);
    }
  }

  /**
   * Image content, by URL or inline as a data URL.
   *
   * @param url an {@code http(s)} URL or a {@code data:<media type>;base64,<data>} URL
   * @param detail OpenAI's detail hint ({@code low}, {@code high}, {@code auto}), or {@code null}
   * @param cacheHint a prompt-cache breakpoint after this part, or {@code null}
   */
  record Image(String url, @Nullable String detail, @Nullable CacheHint cacheHint) implements ContentPart {
    public Image {
      Checks.notBlank(url, "url");
    }

    public Image(String url, @Nullable String detail) {
      this(url, detail, null);
    }

    /** Whether the image is inline base64 data rather than a remote URL. */
    public boolean isData() {
      return url.startsWith("data:");
    }

    /** The media type of inline data ({@code image/png}), or {@code null} for a remote URL. */
    public @Nullable String mediaType() {
      if (!isData()) {
        return null;
      }
      int semi = url.indexOf(';');
      int comma = url.indexOf(',');
      int end = semi > 0 && semi < comma ? semi : comma;
      return end > 5 ? url.substring(5, end) : null;
    }

    /** The base64 payload of inline data, or {@code null} for a remote URL. */
    public @Nullable String base64Data() {
      if (!isData()) {
        return null;
      }
      int comma = url.indexOf(',');
      return comma < 0 ? null : url.substring(comma + 1);
    }

    /** A copy with the given detail hint. */
    public Image withDetail(@Nullable String detail) {
      return new Image(url, detail, cacheHint);
    }

    @Override
    public Image withCacheHint(@Nullable CacheHint hint) {
      return new Image(url, detail, hint);
    }

    @Override
    public String toString() {
      // data URLs can be megabytes long; never print them whole
      return isData()
          ? "Image[" + mediaType() + ", " + url.length() + " chars]"
          : "Image[" + url + ']';
    }
  }
}
