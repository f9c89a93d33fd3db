package dev.aegis.core.internal;

import dev.aegis.api.Ticker;
import dev.aegis.api.event.EventHook;
import dev.aegis.api.plugin.Plugin;
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

/** What the public builder collected, handed to the {@link GatewayAssembler}. */
public record GatewaySpec(
    List<Object> providers,
    List<Boolean> localFlags,
    Map<String, Strategy> routes,
    @Nullable String defaultRoute,
    List<String> problems,
    List<Plugin> plugins,
    List<EventHook> hooks,
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
    CallListener listener) {

  /** As the canonical constructor, with no {@link CallListener}. */
  public GatewaySpec(List<Object> providers, List<Boolean> localFlags, Map<String, Strategy> routes,
      @Nullable String defaultRoute, List<String> problems, List<Plugin> plugins, List<EventHook> hooks, Ticker ticker,
      Clock clock, @Nullable ExecutorService executor, @Nullable ScheduledExecutorService scheduler,
      Duration requestTimeout, Duration closeGrace, int hookQueueCapacity, @Nullable Sleeper sleeper, PriceTable prices,
      Duration streamIdleTimeout) {
    this(providers, localFlags, routes, defaultRoute, problems, plugins, hooks, ticker, clock, executor, scheduler,
        requestTimeout, closeGrace, hookQueueCapacity, sleeper, prices, streamIdleTimeout, CallListener.NOOP);
  }
}
