package dev.aegis.core.internal;

import dev.aegis.api.plugin.TargetInfo;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the built-in governance plugins know of the configured routes: every alias's targets (for
 * allow-lists and worst-case budget reservations) and every target by name (to price an outcome).
 * A target without a model of its own has {@code ""} as its model: it passes the requested one on.
 *
 * @param aliases each alias's targets, in configuration order
 * @param targets every target by name
 * @param defaultRoute the route for requests that name no model, or {@code null}
 */
public record RouteCatalog(Map<String, List<TargetInfo>> aliases, Map<String, TargetInfo> targets,
    @Nullable String defaultRoute) {
  public RouteCatalog {
    aliases = Map.copyOf(aliases);
    targets = Map.copyOf(targets);
  }

  /** The targets of the route a request for {@code model} takes; empty for an unknown alias. */
  public List<TargetInfo> targetsOf(@Nullable String model) {
    String name = model == null ? defaultRoute : model;
    List<TargetInfo> t = name == null ? null : aliases.get(name);
    return t == null ? List.of() : t;
  }

  /** The model or alias the current request asks for (after plugins' replacements), or {@code null}. */
  public static @Nullable String requested(dev.aegis.api.plugin.Exchange exchange) {
    return exchange.isEmbedding() ? exchange.embeddingRequest().model() : exchange.request().model();
  }

  /** The upstream model a target sends for a request that asked for {@code requested}. */
  public static String modelOf(TargetInfo t, @Nullable String requested) {
    return t.model().isEmpty() && requested != null ? requested : t.model();
  }
}
