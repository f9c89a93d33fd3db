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
  private boolean ended;
  private byte last = '\n';

  CountingSource(okio.Source delegate, long max) {
    super(delegate);
    this.max = max;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    long n = super.read(sink, Math.min(byteCount, max + 1 - count));
    if (n == -1) {
      ended = true;
    } else if (n > 0) {
      last = sink.getByte(sink.size() - 1);
      count += n;
      if (count > max) {
        throw new BodyFault(ProviderErrorCode.RESPONSE_TOO_LARGE,
            "the body is larger than the limit of " + max + " bytes; reading stopped", null, null);
      }
    }
    return n;
  }

  /** Whether the body ended with its last line unfinished: a text stream cut inside an event. */
  boolean endedMidLine() {
    return ended && last != '\n' && last != '\r';
  }

  /** The bytes read so far. */
  long count() {
    return count;
  }
}
