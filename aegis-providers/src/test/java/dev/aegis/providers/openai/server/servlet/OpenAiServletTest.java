package dev.aegis.providers.openai.server.servlet;

import dev.aegis.providers.openai.server.BindingContract;
import dev.aegis.providers.openai.server.OpenAiEndpoint;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The servlet binding on embedded Jetty 12 (ee10), over a real socket. */
class OpenAiServletTest extends BindingContract {
  private Server server;

  @Override
  protected String start(OpenAiEndpoint endpoint) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(new OpenAiServlet(endpoint));
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/*");
    server.setHandler(context);
    server.start();
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  @Override
  protected void stop() throws Exception {
    server.stop();
  }
}
