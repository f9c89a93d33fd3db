package dev.aegis.examples.serving;

import dev.aegis.api.AiGateway;

/** The endpoint fault table on the Vert.x binding. */
class VertxEndpointFaultTest extends EndpointFaultContract {
  @Override
  RunningServer start(AiGateway gateway) {
    return VertxExample.start(gateway, 0);
  }
}
