package dev.aegis.providers.openai.server.servlet;

import dev.aegis.providers.openai.server.OpenAiEndpoint;
import dev.aegis.providers.openai.server.ServerRequest;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;

/**
 * Serves an {@link OpenAiEndpoint} from a Jakarta Servlet 6 container. Every request runs in
 * async mode with non-blocking I/O: the body is read with a {@link ReadListener}, the answer is
 * written with a {@link jakarta.servlet.WriteListener}, so no container thread is held while a
 * provider thinks or while a stream waits for its next token. An endpoint built with
 * {@link OpenAiEndpoint.Builder#callsOnServerThread} is the opt-in exception: its whole answers
 * are computed on the container thread that read the body, which waits for them.
 *
 * <p>Map it at the root of the API ({@code /*}, or {@code /ai/*} to serve {@code /ai/v1/...}):
 * the endpoint sees the path below the servlet's mapping.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler();
 * context.addServlet(new ServletHolder(new OpenAiServlet(OpenAiEndpoint.builder(gateway).build())), "/*");
 * }</pre>
 *
 * <p>Thread-safe: one servlet instance serves every request.
 */
public final class OpenAiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient OpenAiEndpoint endpoint;

  public OpenAiServlet(OpenAiEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    AsyncContext async = req.startAsync();
    async.setTimeout(0); // the gateway's deadlines bound every call; the container must not cut a stream
    ServletResponseChannel channel = new ServletResponseChannel(async, resp);
    long length = req.getContentLengthLong();
    if (length > endpoint.maxBodyBytes()) {
      endpoint.rejectTooLarge(request(req, new byte[0]), channel);
      return;
    }
    ServletInputStream in = req.getInputStream();
    in.setReadListener(new BodyReader(req, in, channel, length));
  }

  private static ServerRequest request(HttpServletRequest req, byte[] body) {
    String info = req.getPathInfo();
    String path = info != null ? info : req.getServletPath();
    return ServerRequest.of(req.getMethod(), path == null || path.isEmpty() ? "/" : path, req.getQueryString(),
        req::getHeader, Collections.list(req.getHeaderNames()), body);
  }

  /**
   * Reads the body as it arrives, without blocking, up to the endpoint's limit. A body of known
   * length is read straight into an array of that length (no buffer, no copy at the end).
   */
  private final class BodyReader implements ReadListener {
    private final HttpServletRequest req;
    private final ServletInputStream in;
    private final ServletResponseChannel channel;
    private final boolean declared; // the container delivers no more than a declared length
    private byte[] body;
    private int size;
    private boolean rejected;

    BodyReader(HttpServletRequest req, ServletInputStream in, ServletResponseChannel channel, long length) {
      this.req = req;
      this.in = in;
      this.channel = channel;
      this.declared = length >= 0;
      this.body = new byte[declared ? (int) length : 1024];
    }

    @Override
    public void onDataAvailable() throws IOException {
      while (!rejected && in.isReady()) {
        if (size == body.length) {
          // full: the end of the body is one read of -1 away (the container calls onAllDataRead after it)
          int extra = in.read();
          if (extra < 0) return;
          if (declared || body.length >= endpoint.maxBodyBytes()) {
            rejected = true;
            endpoint.rejectTooLarge(request(req, new byte[0]), channel);
            return;
          }
          body = Arrays.copyOf(body, (int) Math.min(Math.max(body.length * 2L, 1024), endpoint.maxBodyBytes()));
          body[size++] = (byte) extra;
          continue;
        }
        int n = in.read(body, size, body.length - size);
        if (n < 0) return;
        size += n;
      }
    }

    @Override
    public void onAllDataRead() {
      if (!rejected) endpoint.handle(request(req, size == body.length ? body : Arrays.copyOf(body, size)), channel);
    }

    @Override
    public void onError(Throwable t) {
      channel.clientGone();
    }
  }
}
