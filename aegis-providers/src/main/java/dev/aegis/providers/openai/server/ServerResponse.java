package dev.aegis.providers.openai.server;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The response side of one exchange, implemented by a server binding. The endpoint either calls
 * {@link #send} once, or {@link #open} once, then {@link #write} (each write only after the
 * previous one's stage completed: that is the back-pressure), then {@link #end}. Calls never
 * overlap, but they may come from any thread: a binding whose server is thread-affine (Vert.x)
 * hops to its own thread.
 *
 * <p>Implementations must accept calls from any thread, one at a time.
 */
public interface ServerResponse {

  /** Sends a whole response: status, headers and body; the exchange is then complete. */
  void send(int status, Map<String, String> headers, byte[] body);

  /** Commits the status and headers of a streamed response. */
  void open(int status, Map<String, String> headers);

  /**
   * Writes bytes of a streamed response and flushes them to the client. The stage completes when
   * the server can take more, or exceptionally when the client is gone.
   */
  CompletionStage<Void> write(byte[] bytes);

  /** Ends a streamed response. */
  void end();

  /**
   * Registers what to do when the client goes away before the response ended (the endpoint
   * cancels the upstream call). Called once, before anything is sent.
   */
  void onClose(Runnable action);
}
