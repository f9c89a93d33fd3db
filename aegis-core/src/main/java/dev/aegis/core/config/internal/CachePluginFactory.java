package dev.aegis.core.config.internal;

import dev.aegis.api.cache.CacheStore;
import dev.aegis.api.config.ConfigContext;
import dev.aegis.api.config.PluginFactory;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.core.cache.ResponseCache;
import java.time.Duration;

/**
 * Plugin type {@code cache}: the exact response cache, optionally semantic and coalescing, on a
 * named store. Its place in the {@code plugins} list is its place in the pipeline (after input
 * guardrails, so entries are stored masked).
 */
public final class CachePluginFactory implements PluginFactory {
  @Override
  public String type() {
    return "cache";
  }

  @Override
  public String description() {
    return "The response cache: exact, optionally semantic and coalescing.";
  }

  @Override
  public SettingsSpec settings() {
    return SettingsSpec.of(
        Setting.builder("store", SettingType.STRING).doc("The store keeping entries.").defaultValue("memory").build(),
        Setting.builder("ttl", SettingType.DURATION).doc("How long an entry lives.").defaultValue("1h").min(0, true)
            .build(),
        Setting.builder("compressAbove", SettingType.INTEGER).doc("Entries larger than this many bytes are deflated.")
            .defaultValue("1024").min(0, false).build(),
        Setting.builder("coalescing", SettingType.BOOLEAN)
            .doc("Identical requests in flight wait for one upstream call.").defaultValue("false").build(),
        Setting.builder("semantic", SettingType.OBJECT).doc("Answer paraphrases from the cache.").nested(SettingsSpec.of(
            Setting.builder("embeddingAlias", SettingType.STRING).doc("The route that embeds the last user turn.")
                .required().build(),
            Setting.builder("threshold", SettingType.DECIMAL).doc("The cosine similarity that answers, in (0, 1].")
                .defaultValue("0.9").min(0, true).build(),
            Setting.builder("buckets", SettingType.INTEGER).doc("Conversations indexed.").defaultValue("10000")
                .min(0, true).build(),
            Setting.builder("perBucket", SettingType.INTEGER).doc("Vectors per conversation.").defaultValue("64")
                .min(0, true).build())).build());
  }

  @Override
  public Plugin create(Settings s, ConfigContext context) {
    CacheStore store = context.stores(s.string("store", "memory")).cache();
    if (store == null) {
      throw s.problem("store", "store '" + s.string("store") + "' keeps no response cache");
    }
    ResponseCache.Builder b = ResponseCache.builder().store(store).clock(context.clock())
        .ttl(s.duration("ttl", Duration.ofHours(1))).compressAbove((int) s.integer("compressAbove", 1024))
        .coalescing(s.bool("coalescing", false));
    Settings semantic = s.object("semantic");
    if (semantic != null) {
      b.semantic(semantic.string("embeddingAlias", ""), semantic.decimal("threshold", 0.9), context::gateway)
          .semanticIndexSize((int) semantic.integer("buckets", 10_000), (int) semantic.integer("perBucket", 64));
    }
    return b.build();
  }
}
