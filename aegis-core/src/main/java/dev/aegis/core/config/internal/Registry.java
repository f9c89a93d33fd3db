package dev.aegis.core.config.internal;

import dev.aegis.api.config.Configurable;
import dev.aegis.api.config.GuardrailFactory;
import dev.aegis.api.config.PluginFactory;
import dev.aegis.api.config.StoreFactory;
import dev.aegis.api.provider.ProviderFactory;
import dev.aegis.core.config.StrategyFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The factories of every kind a file names by {@code type}, found once through
 * {@link ServiceLoader} (the first of a type wins, as for the gateway's providers). Immutable.
 */
public final class Registry {
  public static final String PROVIDER = "provider";
  public static final String STRATEGY = "strategy";
  public static final String PLUGIN = "plugin";
  public static final String GUARDRAIL = "guardrail";
  public static final String STORE = "store";

  private final Map<String, Map<String, Configurable>> byKind;

  private Registry(Map<String, Map<String, Configurable>> byKind) {
    this.byKind = byKind;
  }

  private static volatile @Nullable Registry shared;

  /** The factories visible to aegis-core's class loader, discovered on first use. */
  public static Registry shared() {
    Registry r = shared;
    if (r == null) {
      r = discover();
      shared = r;
    }
    return r;
  }

  /** The factories visible to aegis-core's class loader, discovered now. */
  public static Registry discover() {
    ClassLoader loader = Registry.class.getClassLoader();
    Map<String, Map<String, Configurable>> all = new LinkedHashMap<>();
    all.put(PROVIDER, load(ServiceLoader.load(ProviderFactory.class, loader)));
    all.put(STRATEGY, load(ServiceLoader.load(StrategyFactory.class, loader)));
    all.put(PLUGIN, load(ServiceLoader.load(PluginFactory.class, loader)));
    all.put(GUARDRAIL, load(ServiceLoader.load(GuardrailFactory.class, loader)));
    all.put(STORE, load(ServiceLoader.load(StoreFactory.class, loader)));
    return new Registry(Collections.unmodifiableMap(all));
  }

  private static Map<String, Configurable> load(Iterable<? extends Configurable> factories) {
    Map<String, Configurable> byType = new TreeMap<>();
    for (Configurable f : factories) {
      byType.putIfAbsent(f.type(), f);
    }
    return Collections.unmodifiableMap(byType);
  }

  public @Nullable Configurable find(String kind, String type) {
    Map<String, Configurable> m = byKind.get(kind);
    return m == null ? null : m.get(type);
  }

  /** The factories of a kind, by type, sorted. */
  public Map<String, Configurable> all(String kind) {
    return byKind.getOrDefault(kind, Map.of());
  }

  public <T> T get(String kind, String type, Class<T> as) {
    return as.cast(byKind.get(kind).get(type));
  }
}
