package dev.aegis.providers.internal;

import dev.aegis.api.error.ProviderErrorCode;
import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;

/**
 * Counts the bytes of a streamed body and stops it at the limit: never asks the network for more
 * than one byte past it. Not thread-safe: one per response.
 */
final class CountingSource extends ForwardingSource {
  private final long max;
  private long count;

  CountingSource(okio.Source delegate, long max) {
    super(delegate);
    this.max = max;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    long n = super.read(sink, Math.min(byteCount, max + 1 - count));
    if (n > 0) {
      count += n;
      if (count > max) {
        throw new BodyFault(ProviderErrorCode.RESPONSE_TOO_LARGE,
            "the body is larger than the limit of " + max + " bytes; reading stopped", null, null);
      }
    }
    return n;
  }

  /** The bytes read so far. */
  long count() {
    return count;
  }
}
