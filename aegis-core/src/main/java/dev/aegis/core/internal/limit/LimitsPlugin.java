package dev.aegis.core.internal.limit;

import dev.aegis.api.Principal;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.RateLimitedException;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.limit.LimitCheck;
import dev.aegis.api.limit.LimitDecision;
import dev.aegis.api.limit.LimitRequest;
import dev.aegis.api.limit.LimitStatus;
import dev.aegis.api.limit.LimiterStore;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.plugin.AttributeKey;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.core.internal.RouteCatalog;
import dev.aegis.core.internal.auth.AuthPlugin;
import dev.aegis.core.internal.tokens.RequestEstimate;
import dev.aegis.core.internal.usage.ActualUsage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The built-in rate-limits plugin, after authentication: checks the gateway's limits and the
 * key's own for every scope that applies (key, tenant, user, tenant-and-model) all or nothing,
 * with the request's token estimate (prompt plus {@code max_tokens}) for token limits; refuses
 * with {@link RateLimitedException} naming the limit and when it would admit the request;
 * publishes what remains of the tightest limits as {@link LimitStatus}; and in {@code onComplete},
 * on every outcome, releases concurrency slots and corrects token counters to what was used.
 */
public final class LimitsPlugin implements Plugin {
  /** The limits an admitted request holds until {@code onComplete}. */
  public static final AttributeKey<LimitRequest> ADMITTED = AttributeKey.create("aegis.limits", LimitRequest.class);
  /** The limits left for the budget plugin to acquire with its reservation, in one store call. */
  public static final AttributeKey<LimitRequest> PENDING =
      AttributeKey.create("aegis.limits.pending", LimitRequest.class);

  private final List<RateLimit> limits;
  /** {@link #suffix} of each of {@link #limits}, made once. */
  private final String[] globalSuffixes;
  private final LimiterStore store;
  private final TokenEstimator estimator;
  private final int defaultMaxTokens;
  private final RouteCatalog catalog;
  private final boolean deferred;

  /**
   * @param deferred whether the budget plugin acquires the limits together with its reservation
   *     (an {@link dev.aegis.api.limit.AdmissionStore}): this plugin then only builds the request
   */
  public LimitsPlugin(List<RateLimit> limits, LimiterStore store, TokenEstimator estimator, int defaultMaxTokens,
      RouteCatalog catalog, boolean deferred) {
    this.deferred = deferred;
    this.limits = List.copyOf(limits);
    this.globalSuffixes = this.limits.stream().map(LimitsPlugin::suffix).toArray(String[]::new);
    this.store = store;
    this.estimator = estimator;
    this.defaultMaxTokens = defaultMaxTokens;
    this.catalog = catalog;
  }

  @Override
  public String name() {
    return "limits";
  }

  @Override
  public RequestDecision onRequest(Exchange exchange) {
    VirtualKey key = exchange.attributes().get(AuthPlugin.KEY);
    if (limits.isEmpty() && (key == null || key.limits().isEmpty())) {
      return RequestDecision.proceed();
    }
    Principal p = exchange.principal();
    String tenant = p == null ? null : p.tenant();
    String model = RouteCatalog.requested(exchange);
    List<LimitCheck> checks = new ArrayList<>(limits.size() + (key == null ? 0 : key.limits().size()));
    RequestEstimate estimate = null;
    for (int source = 0; source < 2; source++) {
      List<RateLimit> from = source == 0 ? limits : key == null ? List.of() : key.limits();
      for (int i = 0, n = from.size(); i < n; i++) {
        RateLimit limit = from.get(i);
        String scope = scopeValue(limit.scope(), p, key, model);
        if (scope == null) {
          continue;
        }
        long cost = 1;
        if (limit.kind() == RateLimit.Kind.TOKENS) {
          if (estimate == null) {
            estimate = RequestEstimate.of(exchange, estimator, defaultMaxTokens);
          }
          cost = estimate.total(model);
        }
        String suffix = source == 0 ? globalSuffixes[i] : suffix(limit);
        checks.add(new LimitCheck((source == 0 ? "g:" : "k:") + scope + suffix, limit, cost));
      }
    }
    if (checks.isEmpty()) {
      return RequestDecision.proceed();
    }
    LimitRequest request = new LimitRequest(tenant == null ? "-" : tenant, checks);
    if (deferred) {
      exchange.attributes().put(PENDING, request);
      return RequestDecision.proceed();
    }
    admitted(exchange, request, store.acquire(request));
    return RequestDecision.proceed();
  }

  /** Applies a limits decision: throws the refusal, or records the admitted request and its status. */
  public static void admitted(Exchange exchange, LimitRequest request, LimitDecision decision) {
    if (!decision.admitted()) {
      LimitCheck hit = decision.rejectedBy();
      RateLimit limit = hit.limit();
      String what = limit.kind() == RateLimit.Kind.CONCURRENT
          ? limit.amount() + " requests in flight"
          : limit.amount() + " " + limit.kind().name().toLowerCase(java.util.Locale.ROOT) + " per " + human(limit);
      throw new RateLimitedException(limit.name(), "rate limit '" + limit.name() + "' (" + what + ") reached"
          + (limit.kind() == RateLimit.Kind.TOKENS ? " by a request estimated at " + hit.cost() + " tokens" : "")
          + (decision.retryAfter().isZero() ? "" : "; admitted again in " + decision.retryAfter().toMillis() + " ms"),
          limit.kind() == RateLimit.Kind.CONCURRENT ? null : decision.retryAfter());
    }
    exchange.attributes().put(ADMITTED, request);
    if (decision.status() != LimitStatus.NONE) {
      exchange.responseAttribute(LimitStatus.ATTRIBUTE, decision.status());
    }
  }

  @Override
  public void onComplete(Exchange exchange, Outcome outcome) {
    LimitRequest admitted = exchange.attributes().remove(ADMITTED);
    if (admitted == null) {
      return;
    }
    store.settle(admitted, actualTokens(exchange, outcome, admitted));
  }

  /** The tokens the request actually used, for its token limits (0 when it has none or was a cache hit). */
  public long actualTokens(Exchange exchange, Outcome outcome, LimitRequest admitted) {
    long actual = 0;
    boolean tokens = false;
    for (LimitCheck c : admitted.checks()) {
      tokens |= c.limit().kind() == RateLimit.Kind.TOKENS;
    }
    if (tokens && !ActualUsage.answeredFromCache(exchange)) {
      TargetInfo served = ActualUsage.servedBy(outcome.target(), outcome.attempts(), catalog);
      String requested = RouteCatalog.requested(exchange);
      String upstream = served == null ? requested : RouteCatalog.modelOf(served, requested);
      Usage used = ActualUsage.of(outcome, exchange, estimator, defaultMaxTokens, upstream);
      actual = used.totalTokens();
    }
    return actual;
  }


  /** The part of a check's key that is fixed per limit: {@code :name:amount/millis}. */
  private static String suffix(RateLimit limit) {
    return ":" + limit.name() + ':' + limit.amount() + '/' + limit.per().toMillis();
  }

  private static @Nullable String scopeValue(RateLimit.Scope scope, @Nullable Principal p, @Nullable VirtualKey key,
      @Nullable String model) {
    switch (scope) {
      case KEY:
        return key == null ? null : "key=" + key.id();
      case TENANT:
        return "tenant=" + (p == null || p.tenant() == null ? "-" : p.tenant());
      case USER:
        return p == null ? null : "user=" + (p.user() != null ? p.user() : p.id());
      case MODEL:
        return "model=" + (model == null ? "-" : model);
      default:
        throw new IllegalStateException(scope.name());
    }
  }

  private static String human(RateLimit limit) {
    long ms = limit.per().toMillis();
    if (ms % 3_600_000 == 0) {
      return ms == 3_600_000 ? "hour" : ms / 3_600_000 + " hours";
    }
    if (ms % 60_000 == 0) {
      return ms == 60_000 ? "minute" : ms / 60_000 + " minutes";
    }
    return ms % 1000 == 0 ? (ms == 1000 ? "second" : ms / 1000 + " seconds") : ms + " ms";
  }
}
