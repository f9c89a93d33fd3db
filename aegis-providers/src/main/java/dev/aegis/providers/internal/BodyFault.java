package dev.aegis.providers.internal;

import dev.aegis.api.error.ProviderErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * A 2xx body the adapter cannot use, found while reading or decoding it: not JSON, not valid
 * UTF-8, not the expected shape, or over a size limit. Thrown by the framers and decoders, caught
 * by {@link HttpTransport}, which turns it into the one {@code ProviderException} every adapter
 * reports (with the status, content type and byte count it knows). Never leaves the adapters.
 *
 * <p>Immutable once thrown.
 */
public final class BodyFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProviderErrorCode reason;
  private final transient byte @Nullable [] excerpt;

  /**
   * @param reason {@link ProviderErrorCode#INVALID_RESPONSE} or {@link ProviderErrorCode#RESPONSE_TOO_LARGE}
   * @param detail what is wrong, in the gateway's words (no library text)
   * @param excerpt the offending bytes (shortened and scrubbed before they reach a message), or {@code null}
   * @param cause the library's exception, kept as the cause
   */
  public BodyFault(ProviderErrorCode reason, String detail, byte @Nullable [] excerpt, @Nullable Throwable cause) {
    super(detail, cause, false, false);
    this.reason = reason;
    this.excerpt = excerpt;
  }

  /** An event, line or frame that is not valid UTF-8 or not JSON; the wording says which. */
  public static BodyFault invalidEvent(String what, byte[] bytes, @Nullable Throwable cause) {
    String problem = Utf8.isValid(bytes, 0, bytes.length) ? " is not valid JSON" : " is not valid UTF-8";
    return new BodyFault(ProviderErrorCode.INVALID_RESPONSE, what + problem, bytes, cause);
  }

  /** As {@link #invalidEvent(String, byte[], Throwable)} for text already decoded. */
  public static BodyFault invalidEvent(String what, String text, @Nullable Throwable cause) {
    return new BodyFault(ProviderErrorCode.INVALID_RESPONSE, what + " is not valid JSON",
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8), cause);
  }

  public ProviderErrorCode reason() {
    return reason;
  }

  /** The offending bytes, or {@code null}. */
  public byte @Nullable [] excerpt() {
    return excerpt;
  }
}
