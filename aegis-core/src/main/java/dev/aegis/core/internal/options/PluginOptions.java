package dev.aegis.core.internal.options;

import dev.aegis.api.plugin.Plugin;
import dev.aegis.core.cache.ResponseCache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The user's plugins, in the order added, and the response cache, kept apart because the gateway
 * places the cache itself (see {@code Governance.plugins}), whatever the order of the calls.
 *
 * <p>Not thread-safe: owned by one builder.
 */
public final class PluginOptions {
  private final List<String> problems;
  private final List<Plugin> plugins;
  private @Nullable ResponseCache cache;

  /** None yet, reporting refused values to {@code problems}. */
  public PluginOptions(List<String> problems) {
    this.problems = problems;
    this.plugins = new ArrayList<>();
  }

  private PluginOptions(PluginOptions from, List<String> problems) {
    this.problems = problems;
    this.plugins = new ArrayList<>(from.plugins);
    this.cache = from.cache;
  }

  /** The same settings, the plugin list copied, reporting to {@code problems}. */
  public PluginOptions copy(List<String> problems) {
    return new PluginOptions(this, problems);
  }

  public void plugin(@Nullable Plugin plugin) {
    if (plugin == null) {
      problems.add("plugins[" + plugins.size() + "]: must not be null");
    } else if (plugin == cache) {
      problems.add("plugins[" + plugins.size() + "]: the response cache is already set with cache()");
    } else {
      plugins.add(plugin);
    }
  }

  public void cache(@Nullable ResponseCache cache) {
    if (cache == null) {
      problems.add("cache: must not be null");
    } else if (this.cache != null) {
      problems.add("cache: a response cache is already set");
    } else if (plugins.contains(cache)) {
      problems.add("cache: the response cache was also added as a plugin");
    } else {
      this.cache = cache;
    }
  }

  public List<Plugin> plugins() {
    return Collections.unmodifiableList(plugins);
  }

  public @Nullable ResponseCache cache() {
    return cache;
  }
}
