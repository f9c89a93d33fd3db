package dev.aegis.core.internal;

import dev.aegis.api.Ticker;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.core.resilience.RetryBudget;
import dev.aegis.core.resilience.Sleeper;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * What the public builder collected, handed to the {@link GatewayAssembler}. {@code listener} is
 * an extra observer beside the metrics and traces that {@code observability} configures.
 */
public record GatewaySpec(
    List<Object> providers,
    List<Boolean> localFlags,
    Map<String, Strategy> routes,
    @Nullable String defaultRoute,
    List<String> problems,
    List<Plugin> plugins,
    List<HookDispatcher.Registration> hooks,
    int hookWorkers,
    Ticker ticker,
    Clock clock,
    @Nullable ExecutorService executor,
    @Nullable ScheduledExecutorService scheduler,
    Duration requestTimeout,
    Duration closeGrace,
    int hookQueueCapacity,
    @Nullable Sleeper sleeper,
    PriceTable prices,
    Duration streamIdleTimeout,
    CallListener listener,
    ObservabilitySpec observability,
    RetryBudget retryBudget) {

  /** As the canonical constructor, with the default retry budget. */
  public GatewaySpec(List<Object> providers, List<Boolean> localFlags, Map<String, Strategy> routes,
      @Nullable String defaultRoute, List<String> problems, List<Plugin> plugins,
      List<HookDispatcher.Registration> hooks, int hookWorkers, Ticker ticker, Clock clock,
      @Nullable ExecutorService executor, @Nullable ScheduledExecutorService scheduler, Duration requestTimeout,
      Duration closeGrace, int hookQueueCapacity, @Nullable Sleeper sleeper, PriceTable prices,
      Duration streamIdleTimeout, CallListener listener, ObservabilitySpec observability) {
    this(providers, localFlags, routes, defaultRoute, problems, plugins, hooks, hookWorkers, ticker, clock, executor,
        scheduler, requestTimeout, closeGrace, hookQueueCapacity, sleeper, prices, streamIdleTimeout, listener,
        observability, RetryBudget.DEFAULT);
  }
}
