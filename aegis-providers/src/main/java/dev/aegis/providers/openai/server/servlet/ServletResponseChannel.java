package dev.aegis.providers.openai.server.servlet;

import dev.aegis.providers.openai.server.ServerResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ServerResponse} over an async servlet response with non-blocking output: a write is
 * handed to the container only while {@link ServletOutputStream#isReady()}, each followed by a
 * flush, and its stage completes when the container is ready again ({@link
 * WriteListener#onWritePossible()}), which is the back-pressure the endpoint waits for.
 *
 * <p>Thread-safe: the endpoint's calls and the container's callbacks meet under one lock that is
 * never held across blocking I/O (the output is non-blocking).
 */
final class ServletResponseChannel implements ServerResponse, WriteListener, AsyncListener {
  private final AsyncContext async;
  private final HttpServletResponse response;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable ServletOutputStream out;
  private byte @Nullable [] pending;
  private @Nullable CompletableFuture<Void> pendingStage;
  private boolean flush;
  private boolean ending;
  private boolean finished;
  private volatile @Nullable Runnable onClose;

  ServletResponseChannel(AsyncContext async, HttpServletResponse response) {
    this.async = async;
    this.response = response;
    async.addListener(this);
  }

  /**
   * A whole answer: its bytes go out in one write with the content length set and no flush of
   * their own. Once the content length is reached the container writes the last bytes and the
   * response is done, so the completion follows at once; a flush in between made the container
   * start a write that completes later, and the rest waited for a {@link #onWritePossible()}
   * dispatched to another container thread.
   */
  @Override
  public void send(int status, Map<String, String> headers, byte[] body) {
    open(status, headers);
    response.setContentLength(body.length);
    lock.lock();
    try {
      if (finished) return;
      pending = body;
      ending = true;
    } finally {
      lock.unlock();
    }
    pump();
  }

  @Override
  public void open(int status, Map<String, String> headers) {
    Exception failure = null;
    lock.lock();
    try {
      response.setStatus(status);
      headers.forEach(response::setHeader);
      ServletOutputStream o = response.getOutputStream();
      out = o;
      o.setWriteListener(this);
    } catch (IOException | IllegalStateException e) {
      failure = e;
    } finally {
      lock.unlock();
    }
    if (failure != null) failWrites(failure);
  }

  @Override
  public CompletionStage<Void> write(byte[] bytes) {
    CompletableFuture<Void> stage = new CompletableFuture<>();
    lock.lock();
    try {
      if (finished) {
        stage.completeExceptionally(new IOException("the client is gone"));
        return stage;
      }
      pending = bytes;
      pendingStage = stage;
      flush = true;
    } finally {
      lock.unlock();
    }
    pump();
    return stage;
  }

  @Override
  public void end() {
    lock.lock();
    try {
      ending = true;
    } finally {
      lock.unlock();
    }
    pump();
  }

  @Override
  public void onClose(Runnable action) {
    onClose = action;
  }

  @Override
  public void onWritePossible() {
    pump();
  }

  /** Moves pending bytes, the flush and the end to the container while it is ready. */
  private void pump() {
    CompletableFuture<Void> done = null;
    boolean complete = false;
    lock.lock();
    try {
      ServletOutputStream o = out;
      if (o == null || finished) return;
      while (o.isReady()) {
        if (pending != null) {
          byte[] b = pending;
          pending = null;
          o.write(b);
        } else if (flush) {
          flush = false;
          o.flush();
        } else if (pendingStage != null) {
          done = pendingStage;
          pendingStage = null;
        } else {
          if (ending) {
            finished = true;
            complete = true;
          }
          break;
        }
      }
    } catch (IOException | IllegalStateException e) {
      failWrites(e);
      return;
    } finally {
      lock.unlock();
    }
    if (complete) async.complete();
    if (done != null) done.complete(null);
  }

  @Override
  public void onError(Throwable t) {
    failWrites(t);
  }

  private void failWrites(Throwable t) {
    CompletableFuture<Void> stage;
    lock.lock();
    try {
      if (finished) return;
      finished = true;
      stage = pendingStage;
      pendingStage = null;
      pending = null;
    } finally {
      lock.unlock();
    }
    if (stage != null) stage.completeExceptionally(t);
    Runnable r = onClose;
    if (r != null) r.run();
    try {
      async.complete();
    } catch (IllegalStateException alreadyComplete) {
      // the container ended the exchange itself
    }
  }

  /** The client went away (a read failed, or the container reported an error). */
  void clientGone() {
    failWrites(new IOException("the client is gone"));
  }

  @Override
  public void onComplete(AsyncEvent event) {}

  @Override
  public void onTimeout(AsyncEvent event) {
    clientGone();
  }

  @Override
  public void onError(AsyncEvent event) {
    clientGone();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}
}
