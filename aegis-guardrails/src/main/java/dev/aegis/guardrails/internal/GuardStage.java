package dev.aegis.guardrails.internal;

import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.plugin.Eligibility;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.StreamTransformer;
import dev.aegis.api.plugin.TargetInfo;
import org.jspecify.annotations.Nullable;

/**
 * One half of a guardrail plugin around a cache: the input half (input rules, classification,
 * masking, eligibility; unmasking on the way back) or the output half (output rules on the
 * still-masked answer). Thread-safe. Not public API.
 */
public final class GuardStage implements Plugin {
  private final GuardProfiles guards;
  private final boolean input;
  private final String name;

  public GuardStage(GuardProfiles guards, boolean input) {
    this.guards = guards;
    this.input = input;
    this.name = guards.own().policy().plugin() + (input ? ".input" : ".output");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RequestDecision onRequest(Exchange exchange) {
    return input ? guards.of(exchange).onRequest(exchange) : RequestDecision.proceed();
  }

  @Override
  public Eligibility eligible(Exchange exchange, TargetInfo target) {
    return input ? guards.of(exchange).eligible(exchange, target) : Eligibility.keep();
  }

  @Override
  public ResponseDecision onResponse(Exchange exchange, ChatResponse response) {
    return guards.of(exchange).onResponse(exchange, response, input, !input);
  }

  @Override
  public @Nullable StreamTransformer onStream(Exchange exchange) {
    return guards.of(exchange).onStream(exchange, input, !input);
  }
}
