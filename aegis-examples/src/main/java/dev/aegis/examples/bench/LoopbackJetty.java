package dev.aegis.examples.bench;

import dev.aegis.examples.serving.RunningServer;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 on loopback with one servlet at {@code /*}, Jetty's defaults otherwise. Stateless. */
final class LoopbackJetty {
  private LoopbackJetty() {}

  static RunningServer serve(int port, HttpServlet servlet) {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(servlet), "/*");
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start Jetty on port " + port + ": " + e.getMessage(), e);
    }
    return RunningServer.of(connector.getLocalPort(), () -> {
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop Jetty", e);
      }
    });
  }
}
