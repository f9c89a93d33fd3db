package dev.aegis.core.config.internal;

import dev.aegis.api.AiGateway;
import dev.aegis.api.Ticker;
import dev.aegis.api.config.ConfigContext;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.StoreFactory;
import dev.aegis.api.config.Stores;
import dev.aegis.api.error.ConfigException;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.internal.auth.InMemoryKeyStore;
import dev.aegis.core.internal.budget.InMemoryBudgetStore;
import dev.aegis.core.internal.limit.InMemoryLimiterStore;
import dev.aegis.core.internal.usage.InMemoryUsageStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one gateway's configuration keeps from load to reload: the built-in in-memory stores
 * (so limiter, budget, key and usage state outlives a reload) and the named stores of the file,
 * reused while their settings stay the same. Serves factories as their {@link ConfigContext}.
 *
 * <p>Thread-safe: loads are serialised by the gateway's reload lock; {@link #gateway()} is volatile.
 */
public final class BindingState implements ConfigContext {
  private static final Logger LOG = LoggerFactory.getLogger(BindingState.class);

  private final Ticker ticker;
  private final Clock clock;
  private final Stores memory;
  private final Map<String, Named> named = new HashMap<>();
  private Map<String, Named> pending = new LinkedHashMap<>();
  private volatile @Nullable AiGateway gateway;

  private record Named(Settings settings, Stores stores) {}

  public BindingState(Ticker ticker, Clock clock) {
    this.ticker = ticker;
    this.clock = clock;
    this.memory = Stores.builder().keys(new InMemoryKeyStore()).limiter(new InMemoryLimiterStore(ticker))
        .budgets(new InMemoryBudgetStore(clock)).usage(new InMemoryUsageStore(InMemoryUsageStore.defaultRetention()))
        .cache(InMemoryCacheStore.builder().ticker(ticker).build()).build();
  }

  @Override
  public Ticker ticker() {
    return ticker;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public AiGateway gateway() {
    AiGateway g = gateway;
    if (g == null) {
      throw new IllegalStateException("the gateway is not built yet; use it from a request, not while creating");
    }
    return g;
  }

  public void gateway(AiGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public Stores stores(String name) {
    if (name.equals("memory")) {
      return memory;
    }
    Named n = pending.get(name);
    if (n == null) {
      throw ConfigException.of("stores." + name, "no store of that name");
    }
    return n.stores;
  }

  /** Creates (or keeps, when its settings are unchanged) the named stores of a file about to be applied. */
  public void prepare(Map<String, Settings> stores, Registry registry) {
    Map<String, Named> next = new LinkedHashMap<>();
    java.util.List<ConfigException.Problem> problems = new java.util.ArrayList<>();
    for (Map.Entry<String, Settings> e : stores.entrySet()) {
      Named old = named.get(e.getKey());
      if (old != null && old.settings.equals(e.getValue())) {
        next.put(e.getKey(), old);
        continue;
      }
      StoreFactory f = registry.get(Registry.STORE, e.getValue().string("type", ""), StoreFactory.class);
      try {
        next.put(e.getKey(), new Named(e.getValue(), f.create(e.getValue(), this)));
      } catch (ConfigException ex) {
        problems.addAll(ex.problems());
      }
    }
    if (!problems.isEmpty()) {
      discard(next);
      throw new ConfigException(problems);
    }
    pending = next;
  }

  /** The prepared stores now serve; those no longer named are closed. */
  public void commit() {
    for (Map.Entry<String, Named> e : named.entrySet()) {
      if (pending.get(e.getKey()) != e.getValue()) {
        close(e.getKey(), e.getValue().stores);
      }
    }
    named.clear();
    named.putAll(pending);
  }

  /** The prepared stores will not serve: those made for them are closed. */
  public void rollback() {
    discard(pending);
    pending = new LinkedHashMap<>(named);
  }

  private void discard(Map<String, Named> made) {
    for (Map.Entry<String, Named> e : made.entrySet()) {
      if (named.get(e.getKey()) != e.getValue()) {
        close(e.getKey(), e.getValue().stores);
      }
    }
  }

  /** Closes every named store, with the gateway. */
  public void close() {
    for (Map.Entry<String, Named> e : named.entrySet()) {
      close(e.getKey(), e.getValue().stores);
    }
    named.clear();
  }

  private static void close(String name, Stores stores) {
    try {
      stores.close();
    } catch (RuntimeException e) {
      LOG.warn("closing store {} failed", name, e);
    }
  }
}
