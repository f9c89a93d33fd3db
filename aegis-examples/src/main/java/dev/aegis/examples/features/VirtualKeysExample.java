package dev.aegis.examples.features;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.BudgetExceededException;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.RateLimitedException;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Virtual keys: the gateway issues keys ({@code aegis_<id>_<secret>}, only a hash is kept), each
 * with its allowed models, its own rate limit and its own budget. Requests carry the key as their
 * credential (over HTTP: {@code Authorization: Bearer}); the gateway refuses before any provider
 * call when the key is unknown, the model not allowed, the limit reached or the budget spent.
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class VirtualKeysExample {
  private VirtualKeysExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    MockProvider mock = MockProvider.builder("mock").reply("ok").build();
    try (Gateway gateway = Gateway.builder()
        .provider(mock)
        .route("chat", Strategy.single(Target.of("mock", "small")))
        .route("reasoning", Strategy.single(Target.of("mock", "large")))
        .prices(PriceTable.of(Map.of("mock/small", PriceTable.Price.of("1000", "1000")))) // $0.001 a token
        .virtualKeys()
        .build()) {
      IssuedKey ci = gateway.virtualKeys().issue(VirtualKey.builder()
          .id("cikey").tenant("acme").name("ci").allowModel("chat")
          .limit(RateLimit.requests(RateLimit.Scope.KEY, 3, Duration.ofHours(1)))
          .build());
      IssuedKey intern = gateway.virtualKeys().issue(VirtualKey.builder()
          .id("internkey").tenant("acme").name("intern").allowModel("chat")
          .budget(Budget.of("intern-daily", Budget.Scope.KEY, "0.05", Budget.Period.DAILY))
          .build());
      out.println("issued " + ci.key().name() + " and " + intern.key().name() + ", secrets start with 'aegis_': "
          + (ci.secret().startsWith("aegis_") && intern.secret().startsWith("aegis_")));

      call(out, gateway, "unknown key", "chat", "sk-not-a-key");
      call(out, gateway, "ci on 'reasoning'", "reasoning", ci.secret());
      for (int i = 1; i <= 4; i++) {
        call(out, gateway, "ci request " + i, "chat", ci.secret());
      }
      for (int i = 1; i <= 3; i++) {
        call(out, gateway, "intern request " + i, "chat", intern.secret());
      }
      out.println("intern spent $" + gateway.usage().budgets("acme", intern.key().id()).get(0).spent().toPlainString()
          + " of $0.05; provider calls: " + mock.calls());
    }
  }

  private static void call(PrintStream out, Gateway gateway, String what, String alias, String key) {
    ChatRequest request = ChatRequest.builder().model(alias).addMessage(Message.user("Hello there, gateway!"))
        .maxTokens(10).build();
    try {
      ChatResponse r = gateway.route(request, RequestOptions.builder().credential(key).build());
      out.println(what + ": " + r.text() + ", cost $" + r.metadata().cost().toPlainString());
    } catch (RateLimitedException e) {
      out.println(what + ": refused by " + e.limit() + ", retry in " + (e.retryAfter().toSeconds() + 59) / 60 + " min");
    } catch (BudgetExceededException e) {
      out.println(what + ": refused by budget " + e.budget() + ", $" + e.remaining().toPlainString()
          + " left today and this request reserves more");
    } catch (GatewayException e) {
      out.println(what + ": refused (" + e.kind() + ") " + e.getMessage());
    }
  }
}
