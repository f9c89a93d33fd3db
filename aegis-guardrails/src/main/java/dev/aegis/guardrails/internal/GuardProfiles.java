package dev.aegis.guardrails.internal;

import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.LabelKey;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The guards of one guardrail plugin: its own, and the named profiles a request may pick through
 * a label. Immutable and thread-safe. Not public API.
 */
public final class GuardProfiles {
  private final Guard own;
  private final Map<String, Guard> named;
  private final LabelKey<String> label;

  public GuardProfiles(Guard own, Map<String, Guard> named, LabelKey<String> label) {
    this.own = own;
    this.named = Map.copyOf(named);
    this.label = label;
  }

  /** The plugin's own guard. */
  public Guard own() {
    return own;
  }

  /** The names a request may pick. */
  public java.util.Set<String> names() {
    return named.keySet();
  }

  /** The guard of the request's profile: the one its label names, else the plugin's own. */
  public Guard of(Exchange exchange) {
    if (named.isEmpty()) {
      return own;
    }
    String profile = exchange.labels().get(label);
    @Nullable Guard g = profile == null ? null : named.get(profile);
    return g == null ? own : g;
  }
}
