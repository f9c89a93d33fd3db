package dev.aegis.core.internal;

import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.SplitPlugin;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where each plugin runs, whatever order the builder's methods were called in. The order is
 * ARCHITECTURE.md's:
 *
 * <ol>
 *   <li>the governance built-ins that must run first (load shedding, authentication, limits,
 *       budget reservation, usage and cost);</li>
 *   <li>the user's plugins in the order added, a {@link SplitPlugin} (the guardrails) by its
 *       {@linkplain SplitPlugin#inputStage() input half} when there is a cache, so input checks,
 *       classification and masking come before the lookup and labels reach the key;</li>
 *   <li>the response cache, the last plugin to see the request before routing;</li>
 *   <li>the split plugins' {@linkplain SplitPlugin#outputStage() output halves}, in reverse order
 *       of their input halves so that each pair nests: on the way back an answer passes output
 *       scan → cache store → unmask;</li>
 *   <li>the built-ins that only judge targets (the context-window check).</li>
 * </ol>
 *
 * <p>Without a cache the user's plugins run as added, a split plugin whole. Stateless.
 */
public final class PluginLayout {
  private PluginLayout() {}

  /** The plugins in the order the pipeline runs their {@code onRequest}. */
  public static List<Plugin> arrange(List<Plugin> first, List<Plugin> user, @Nullable Plugin cache,
      List<Plugin> last) {
    List<Plugin> all = new ArrayList<>(first.size() + user.size() * 2 + 1 + last.size());
    all.addAll(first);
    if (cache == null) {
      all.addAll(user);
    } else {
      List<Plugin> outputs = new ArrayList<>(1);
      for (Plugin p : user) {
        if (p instanceof SplitPlugin) {
          SplitPlugin split = (SplitPlugin) p;
          all.add(split.inputStage());
          outputs.add(0, split.outputStage());
        } else {
          all.add(p);
        }
      }
      all.add(cache);
      all.addAll(outputs);
    }
    all.addAll(last);
    return all;
  }
}
