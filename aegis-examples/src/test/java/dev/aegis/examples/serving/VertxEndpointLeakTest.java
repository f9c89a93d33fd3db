package dev.aegis.examples.serving;

import dev.aegis.api.AiGateway;

/** The endpoint leak run on the Vert.x binding (its threads are {@code vert.x-…}). */
class VertxEndpointLeakTest extends EndpointLeakContract {
  @Override
  RunningServer start(AiGateway gateway) {
    return VertxExample.start(gateway, 0);
  }

  @Override
  String serverThreads() {
    return "vert.x-";
  }
}
