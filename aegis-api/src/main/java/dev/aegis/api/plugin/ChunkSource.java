package dev.aegis.api.plugin;

import dev.aegis.api.chat.ChatChunk;
import org.jspecify.annotations.Nullable;

/**
 * The chunks of a plugin's live answer, pulled by the gateway one at a time as the caller
 * demands them: a coalesced stream, whose chunks arrive while another request's upstream call is
 * still streaming. The gateway pulls on the request's own thread, so a slow caller slows only
 * its own pulls (back-pressure), never the stream being shared.
 *
 * <p>See {@link RequestDecision#answer(ChunkSource)}. Pulled from one thread at a time;
 * implementations are told of cancellation through {@link Exchange#onCancel}.
 */
@FunctionalInterface
public interface ChunkSource {

  /**
   * The next chunk, blocking until it is there; {@code null} after the last one.
   *
   * @throws dev.aegis.api.error.GatewayException when the answer failed or the request was
   *     cancelled (kind {@code CANCELLED})
   */
  @Nullable ChatChunk next();
}
