package dev.aegis.core.internal.options;

import dev.aegis.api.auth.KeyStore;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetStore;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.limit.LimiterStore;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.usage.UsageSink;
import dev.aegis.api.usage.UsageStore;
import dev.aegis.core.internal.Governance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who may call and how much: virtual keys, rate limits, budgets, usage tracking, load shedding and
 * the token estimates limits and budgets rest on. {@link #settings} hands them to
 * {@link Governance}.
 *
 * <p>Not thread-safe: owned by one builder.
 */
public final class GovernanceOptions {
  private final List<String> problems;
  private final List<RateLimit> limits;
  private final List<Budget> budgets;
  private final List<UsageSink> usageSinks;
  private @Nullable KeyStore keyStore;
  private @Nullable LimiterStore limiterStore;
  private @Nullable BudgetStore budgetStore;
  private double budgetLowShare = 0.10;
  private @Nullable UsageStore usageStore;
  private boolean trackUsage = true;
  /** 0: no cap. */
  private int maxInFlight;
  private Duration overloadRetryAfter = Duration.ofSeconds(1);
  private @Nullable TokenEstimator tokenEstimator;
  private int defaultMaxTokens = 4096;

  /** Defaults, reporting refused values to {@code problems}. */
  public GovernanceOptions(List<String> problems) {
    this.problems = problems;
    this.limits = new ArrayList<>();
    this.budgets = new ArrayList<>();
    this.usageSinks = new ArrayList<>();
  }

  private GovernanceOptions(GovernanceOptions from, List<String> problems) {
    this.problems = problems;
    this.limits = new ArrayList<>(from.limits);
    this.budgets = new ArrayList<>(from.budgets);
    this.usageSinks = new ArrayList<>(from.usageSinks);
    this.keyStore = from.keyStore;
    this.limiterStore = from.limiterStore;
    this.budgetStore = from.budgetStore;
    this.budgetLowShare = from.budgetLowShare;
    this.usageStore = from.usageStore;
    this.trackUsage = from.trackUsage;
    this.maxInFlight = from.maxInFlight;
    this.overloadRetryAfter = from.overloadRetryAfter;
    this.tokenEstimator = from.tokenEstimator;
    this.defaultMaxTokens = from.defaultMaxTokens;
  }

  /** The same settings, collections copied, reporting to {@code problems}. */
  public GovernanceOptions copy(List<String> problems) {
    return new GovernanceOptions(this, problems);
  }

  public void virtualKeys(@Nullable KeyStore store) {
    if (store == null) {
      problems.add("virtualKeys: the key store must not be null");
    } else {
      this.keyStore = store;
    }
  }

  public void limit(@Nullable RateLimit limit) {
    if (Checks.present(problems, "limits[" + limits.size() + "]", limit)) {
      limits.add(limit);
    }
  }

  public void limiterStore(@Nullable LimiterStore store) {
    if (Checks.present(problems, "limiterStore", store)) {
      this.limiterStore = store;
    }
  }

  public void budget(@Nullable Budget budget) {
    if (budget == null) {
      problems.add("budgets[" + budgets.size() + "]: must not be null");
    } else if (!"USD".equals(budget.currency())) {
      problems.add("budgets." + budget.name() + ".currency: must be USD, the price table's currency, but was "
          + budget.currency());
    } else {
      budgets.add(budget);
    }
  }

  public void budgetStore(@Nullable BudgetStore store) {
    if (Checks.present(problems, "budgetStore", store)) {
      this.budgetStore = store;
    }
  }

  public void budgetLowThreshold(double share) {
    if (!(share >= 0 && share <= 1)) {
      problems.add("budgetLowThreshold: must be between 0 and 1 but was " + share);
    } else {
      this.budgetLowShare = share;
    }
  }

  public void usageSink(@Nullable UsageSink sink) {
    if (Checks.present(problems, "usageSinks[" + usageSinks.size() + "]", sink)) {
      usageSinks.add(sink);
    }
  }

  public void usageStore(@Nullable UsageStore store) {
    if (Checks.present(problems, "usageStore", store)) {
      this.usageStore = store;
    }
  }

  public void trackUsage(boolean track) {
    this.trackUsage = track;
  }

  public void maxInFlight(int max, @Nullable Duration retryAfter) {
    if (max < 1) {
      problems.add("maxInFlight: must be at least 1 but was " + max);
    } else if (retryAfter == null || retryAfter.isNegative()) {
      problems.add("maxInFlight.retryAfter: must be a non-negative duration but was " + retryAfter);
    } else {
      this.maxInFlight = max;
      this.overloadRetryAfter = retryAfter;
    }
  }

  public void tokenEstimator(@Nullable TokenEstimator estimator) {
    if (Checks.present(problems, "tokenEstimator", estimator)) {
      this.tokenEstimator = estimator;
    }
  }

  public void defaultMaxTokens(int tokens) {
    if (Checks.atLeastOne(problems, "defaultMaxTokens", tokens)) {
      this.defaultMaxTokens = tokens;
    }
  }

  /** What {@link Governance#assemble} takes; {@code closeGrace} bounds the drain of the usage sinks. */
  public Governance.Settings settings(Duration closeGrace) {
    return new Governance.Settings(keyStore, limits(), limiterStore, budgets(), budgetStore, budgetLowShare,
        usageSinks(), usageStore, trackUsage, maxInFlight, overloadRetryAfter, tokenEstimator, defaultMaxTokens,
        closeGrace);
  }

  public @Nullable KeyStore keyStore() {
    return keyStore;
  }

  public List<RateLimit> limits() {
    return Collections.unmodifiableList(limits);
  }

  public @Nullable LimiterStore limiterStore() {
    return limiterStore;
  }

  public List<Budget> budgets() {
    return Collections.unmodifiableList(budgets);
  }

  public @Nullable BudgetStore budgetStore() {
    return budgetStore;
  }

  public double budgetLowShare() {
    return budgetLowShare;
  }

  public List<UsageSink> usageSinks() {
    return Collections.unmodifiableList(usageSinks);
  }

  public @Nullable UsageStore usageStore() {
    return usageStore;
  }

  public boolean trackUsage() {
    return trackUsage;
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  public Duration overloadRetryAfter() {
    return overloadRetryAfter;
  }

  public @Nullable TokenEstimator tokenEstimator() {
    return tokenEstimator;
  }

  public int defaultMaxTokens() {
    return defaultMaxTokens;
  }
}
