package dev.aegis.core.config.internal;

import dev.aegis.api.config.ConfigContext;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.config.StoreFactory;
import dev.aegis.api.config.Stores;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.internal.auth.InMemoryKeyStore;
import dev.aegis.core.internal.budget.InMemoryBudgetStore;
import dev.aegis.core.internal.limit.InMemoryLimiterStore;
import dev.aegis.core.internal.usage.InMemoryUsageStore;

/**
 * Store type {@code memory}: keys, limiter, budget, usage and cache state in this process (the
 * store named {@code memory} always exists; this type makes further, separate ones).
 */
public final class MemoryStoreFactory implements StoreFactory {
  @Override
  public String type() {
    return "memory";
  }

  @Override
  public String description() {
    return "State in this process's memory: exact for one instance, lost on restart.";
  }

  @Override
  public SettingsSpec settings() {
    return SettingsSpec.of(Setting.builder("cacheMaxBytes", SettingType.INTEGER)
        .doc("The response cache's size bound, in bytes.").min(0, true).build());
  }

  @Override
  public Stores create(Settings s, ConfigContext c) {
    InMemoryCacheStore.Builder cache = InMemoryCacheStore.builder().ticker(c.ticker());
    Long max = s.integer("cacheMaxBytes");
    if (max != null) {
      cache.maximumBytes(max);
    }
    return Stores.builder().keys(new InMemoryKeyStore()).limiter(new InMemoryLimiterStore(c.ticker()))
        .budgets(new InMemoryBudgetStore(c.clock())).usage(new InMemoryUsageStore(InMemoryUsageStore.defaultRetention()))
        .cache(cache.build()).build();
  }
}
