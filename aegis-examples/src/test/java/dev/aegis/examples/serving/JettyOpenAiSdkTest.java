package dev.aegis.examples.serving;

import dev.aegis.api.AiGateway;

/** The OpenAI SDK against the servlet binding on embedded Jetty. */
class JettyOpenAiSdkTest extends OpenAiSdkContract {
  @Override
  RunningServer start(AiGateway gateway) {
    return ServletExample.start(gateway, 0, null);
  }
}
