package dev.aegis.core.internal;

import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.api.provider.Provider;
import dev.aegis.core.routing.Target;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A configured target bound to its provider instance, with the {@link TargetInfo} plugins see.
 * Immutable; per-target mutable state (breakers, latency) is kept elsewhere, keyed by name, so it
 * survives reloads.
 */
public final class TargetRuntime {
  final Target target;
  final Provider provider;
  final TargetInfo info;
  final Map<String, Object> params;
  final TargetState state;
  /** The target's retry, built once with the gateway; {@code null} for a single attempt. */
  final @Nullable TargetRetry retry;
  /** The info made for the latest requested model of a target without its own; immutable, so racing writers are harmless. */
  private volatile @Nullable TargetInfo lastInfo;

  TargetRuntime(Target target, Provider provider, String providerType, boolean local, Set<String> providerTags,
      TargetState state) {
    this.target = target;
    this.state = state;
    this.provider = provider;
    this.params = target.params();
    this.retry = target.retry().maxAttempts() > 1 ? new TargetRetry(target.retry()) : null;
    this.info = new TargetInfo(target.name(), provider.name(), providerType,
        target.model() == null ? "" : target.model(), local, tags(target, providerTags), provider.capabilities());
  }

  /** The target's tags merged with those of its provider's configuration ({@code ProviderConfig#tags()}). */
  static Set<String> tags(Target target, Set<String> providerTags) {
    if (providerTags.isEmpty()) {
      return target.tags();
    }
    Set<String> all = new LinkedHashSet<>(target.tags());
    all.addAll(providerTags);
    return Collections.unmodifiableSet(all);
  }

  public String name() {
    return target.name();
  }

  /** The upstream model for a request that asked for {@code requested}. */
  String model(String requested) {
    String m = target.model();
    return m == null ? requested : m;
  }

  /** The target info for a request asking for {@code requested}: the model is the effective one. */
  TargetInfo info(String requested) {
    if (target.model() != null) {
      return info;
    }
    // a pass-through target is asked for the same model call after call: keep the last one made
    TargetInfo last = lastInfo;
    if (last != null && last.model().equals(requested)) {
      return last;
    }
    last = new TargetInfo(info.name(), info.provider(), info.providerType(), requested, info.local(),
        info.tags(), info.capabilities());
    lastInfo = last;
    return last;
  }
}
