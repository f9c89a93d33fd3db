package dev.aegis.examples.serving;

import dev.aegis.api.AiGateway;

/** The endpoint leak run on the servlet binding in embedded Jetty (its pool's threads are {@code qtp…}). */
class JettyEndpointLeakTest extends EndpointLeakContract {
  @Override
  RunningServer start(AiGateway gateway) {
    return ServletExample.start(gateway, 0, null);
  }

  @Override
  String serverThreads() {
    return "qtp";
  }
}
