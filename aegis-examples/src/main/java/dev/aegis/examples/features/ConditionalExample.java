package dev.aegis.examples.features;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.LabelKey;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Condition;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;
import java.util.Set;

/**
 * Conditional routing: the first matching rule picks the branch. One rule reads request
 * metadata; the other reads a label that a plugin wrote. Only plugins write labels, so a caller
 * who sends {@code tier=premium} in its metadata does not reach the premium target.
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class ConditionalExample {
  private ConditionalExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    try (Gateway gateway = Gateway.builder()
        .provider(MockProvider.builder("premium").build())
        .provider(MockProvider.builder("eu").build())
        .provider(MockProvider.builder("standard").build())
        .plugin(new TierPlugin(Set.of("acme")))
        .route("smart", Strategy.conditional()
            .when(Condition.label("tier").eq("premium"), Target.of("premium"))
            .when(Condition.metadata("region").eq("eu"), Target.of("eu"))
            .otherwise(Strategy.single(Target.of("standard")))
            .build())
        .build()) {
      ChatRequest hello = ChatRequest.builder().model("smart").addMessage(Message.user("hi")).build();
      print(out, "tenant acme", gateway, hello, RequestOptions.builder().principal(Principal.of("ann", "acme")).build());
      print(out, "tenant beta, region=eu", gateway, hello,
          RequestOptions.builder().principal(Principal.of("bob", "beta")).metadata("region", "eu").build());
      print(out, "tenant beta, tier=premium sent as metadata", gateway, hello,
          RequestOptions.builder().principal(Principal.of("bob", "beta")).metadata("tier", "premium").build());
    }
  }

  private static void print(PrintStream out, String who, Gateway gateway, ChatRequest request, RequestOptions options) {
    out.println(who + " -> " + gateway.route(request, options).metadata().target());
  }

  /** Labels requests of the paying tenants {@code tier=premium}. Thread-safe. */
  static final class TierPlugin implements Plugin {
    static final LabelKey<String> TIER = LabelKey.of("tier");
    private final Set<String> premiumTenants;

    TierPlugin(Set<String> premiumTenants) {
      this.premiumTenants = Set.copyOf(premiumTenants);
    }

    @Override
    public String name() {
      return "tier";
    }

    @Override
    public RequestDecision onRequest(Exchange exchange) {
      Principal who = exchange.principal();
      if (who != null && who.tenant() != null && premiumTenants.contains(who.tenant())) {
        exchange.labels().set(TIER, "premium");
      }
      return RequestDecision.proceed();
    }
  }
}
