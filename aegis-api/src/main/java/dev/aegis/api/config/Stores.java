package dev.aegis.api.config;

import dev.aegis.api.auth.KeyStore;
import dev.aegis.api.budget.BudgetStore;
import dev.aegis.api.cache.CacheStore;
import dev.aegis.api.limit.LimiterStore;
import dev.aegis.api.usage.UsageStore;
import org.jspecify.annotations.Nullable;

/**
 * The state stores one backend offers (any of them may be absent), as a {@link StoreFactory}
 * creates them, and what closes them.
 *
 * <pre>{@code
 * Stores stores = Stores.builder().limiter(myLimiter).budgets(myBudgets).onClose(pool::close).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe (the stores are shared as given).
 */
public final class Stores implements AutoCloseable {
  private final @Nullable KeyStore keys;
  private final @Nullable LimiterStore limiter;
  private final @Nullable BudgetStore budgets;
  private final @Nullable UsageStore usage;
  private final @Nullable CacheStore cache;
  private final Runnable onClose;

  private Stores(Builder b) {
    keys = b.keys;
    limiter = b.limiter;
    budgets = b.budgets;
    usage = b.usage;
    cache = b.cache;
    onClose = b.onClose;
  }

  public static Builder builder() {
    return new Builder();
  }

  public @Nullable KeyStore keys() {
    return keys;
  }

  public @Nullable LimiterStore limiter() {
    return limiter;
  }

  public @Nullable BudgetStore budgets() {
    return budgets;
  }

  public @Nullable UsageStore usage() {
    return usage;
  }

  public @Nullable CacheStore cache() {
    return cache;
  }

  /** Releases the backend (connections, threads). */
  @Override
  public void close() {
    onClose.run();
  }

  @Override
  public String toString() {
    return "Stores{keys=" + (keys != null) + ", limiter=" + (limiter != null) + ", budgets=" + (budgets != null)
        + ", usage=" + (usage != null) + ", cache=" + (cache != null) + '}';
  }

  /** Builds {@link Stores}. Not thread-safe. */
  public static final class Builder {
    private @Nullable KeyStore keys;
    private @Nullable LimiterStore limiter;
    private @Nullable BudgetStore budgets;
    private @Nullable UsageStore usage;
    private @Nullable CacheStore cache;
    private Runnable onClose = () -> { };

    private Builder() {}

    public Builder keys(@Nullable KeyStore store) {
      this.keys = store;
      return this;
    }

    public Builder limiter(@Nullable LimiterStore store) {
      this.limiter = store;
      return this;
    }

    public Builder budgets(@Nullable BudgetStore store) {
      this.budgets = store;
      return this;
    }

    public Builder usage(@Nullable UsageStore store) {
      this.usage = store;
      return this;
    }

    public Builder cache(@Nullable CacheStore store) {
      this.cache = store;
      return this;
    }

    public Builder onClose(Runnable onClose) {
      this.onClose = dev.aegis.api.internal.Checks.notNull(onClose, "onClose");
      return this;
    }

    public Stores build() {
      return new Stores(this);
    }
  }
}
