package dev.aegis.examples.serving;

import dev.aegis.api.AiGateway;

/** The endpoint fault table on the servlet binding in embedded Jetty. */
class JettyEndpointFaultTest extends EndpointFaultContract {
  @Override
  RunningServer start(AiGateway gateway) {
    return ServletExample.start(gateway, 0, null);
  }
}
