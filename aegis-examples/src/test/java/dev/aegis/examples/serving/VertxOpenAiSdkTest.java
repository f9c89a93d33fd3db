package dev.aegis.examples.serving;

import dev.aegis.api.AiGateway;

/** The OpenAI SDK against the Vert.x binding. */
class VertxOpenAiSdkTest extends OpenAiSdkContract {
  @Override
  RunningServer start(AiGateway gateway) {
    return VertxExample.start(gateway, 0);
  }
}
