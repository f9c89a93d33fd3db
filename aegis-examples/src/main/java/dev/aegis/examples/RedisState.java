package dev.aegis.examples;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetStatus;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.core.Gateway;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import dev.aegis.redis.RedisStores;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redis-backed state: two gateway instances ("a" and "b", as two replicas of one app would be)
 * share one Redis for virtual keys, rate limits, budgets, usage and the response cache, and
 * print what that gives: one request limit across both, one budget, a key revoked on one refused
 * by the other, an answer cached by one served by the other.
 *
 * <p>Run it against a local Redis: {@code mvn -B -q -DskipTests -pl aegis-examples -am package exec:java
 * -Daegis.example=dev.aegis.examples.RedisState -Dexec.args=redis://localhost:6379} (the README's third command).
 *
 * <p>Not meant to be shared: a runnable example whose {@code main} owns its gateways.
 */
public final class RedisState {
  private static final PriceTable PRICES = PriceTable.of(Map.of("mock/demo", PriceTable.Price.of("1", "2")));

  private RedisState() {}

  public static void main(String[] args) {
    run(System.out, args.length > 0 ? args[0] : "redis://localhost:6379");
  }

  static void run(PrintStream out, String uri) {
    List<RedisStores> stores = new ArrayList<>();
    List<Gateway> gateways = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        // the key cache is off here so a revocation shows at once; in production it bounds revocation (2 s)
        RedisStores redis = RedisStores.builder().uri(uri).prefix("aegis-example").keyCacheTtl(Duration.ZERO).build();
        stores.add(redis);
        gateways.add(Gateway.builder()
            .provider(MockProvider.builder("mock").echo().build())
            .route("demo", Strategy.single(Target.of("mock")))
            .prices(PRICES)
            .virtualKeys(redis.keyStore())
            .limit(RateLimit.requests(RateLimit.Scope.TENANT, 3, Duration.ofMinutes(1)))
            .budget(Budget.of("acme-daily", Budget.Scope.TENANT, "5.00", Budget.Period.DAILY))
            .limiterStore(redis.limiterStore()).budgetStore(redis.budgetStore()).usageStore(redis.usageStore())
            .plugin(ResponseCache.builder().store(redis.cacheStore()).ttl(Duration.ofMinutes(5)).build())
            .store(redis)
            .build());
      }
      demo(out, gateways.get(0), gateways.get(1));
    } finally {
      gateways.forEach(Gateway::close);
      stores.forEach(RedisStores::close);
    }
  }

  private static void demo(PrintStream out, Gateway a, Gateway b) {
    IssuedKey key = a.virtualKeys().issue(VirtualKey.builder().tenant("acme").name("demo").build());
    RequestOptions acme = RequestOptions.builder().credential(key.secret()).build();
    out.println("== one limit across two instances: 3 requests per minute for tenant acme ==");
    Gateway[] order = {a, b, a, b};
    for (int i = 0; i < order.length; i++) {
      String instance = order[i] == a ? "a" : "b";
      ChatRequest ask = ChatRequest.builder().model("demo").addMessage(Message.user("question " + (i + 1))).build();
      out.println("instance " + instance + ": " + attempt(order[i], ask, acme));
    }
    BudgetStatus budget = b.usage().budgets("acme", null).get(0);
    out.println("budget " + budget.budget().name() + " seen from b: spent " + budget.spent().toPlainString()
        + " of " + budget.budget().amount().toPlainString() + " USD");

    out.println("== a key revoked on a is refused on b ==");
    IssuedKey other = a.virtualKeys().issue(VirtualKey.builder().tenant("globex").name("other").build());
    RequestOptions globex = RequestOptions.builder().credential(other.secret()).build();
    ChatRequest cached = ChatRequest.builder().model("demo").addMessage(Message.user("what is cached?"))
        .temperature(0.0).build();
    out.println("instance b: " + attempt(b, cached, globex));
    out.println("instance a serves the same question from the shared cache: "
        + a.route(cached, globex).metadata().cache().status());
    a.virtualKeys().revoke(other.key().id());
    out.println("revoked on a; instance b: " + attempt(b, cached, globex));
    out.println("redis health from a: " + a.health().stores().get(0).reachable());
  }

  private static String attempt(Gateway g, ChatRequest request, RequestOptions options) {
    try {
      ChatResponse r = g.route(request, options);
      return "answered \"" + r.text() + "\"";
    } catch (GatewayException e) {
      return "refused (" + e.kind() + "): " + e.getMessage();
    }
  }
}
