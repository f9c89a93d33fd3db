package dev.aegis.core.config;

import dev.aegis.api.config.Configurable;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.SettingsSpec;
import dev.aegis.core.routing.Strategy;

/**
 * Creates a routing {@link Strategy} from a route (or a member of one) in a configuration file,
 * by its {@code type}: the built-ins are {@code single}, {@code fallback}, {@code weighted},
 * {@code conditional}, {@code least-latency}, {@code cost} and {@code hedged}; a jar adds its own
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.aegis.core.config.StrategyFactory}),
 * composing the built-in strategies (for example a company-wide "primary with two fallbacks" shape).
 *
 * <p>This SPI lives in aegis-core, not aegis-api, because {@link Strategy} is a core type.
 *
 * <p>Implementations must be thread-safe and stateless.
 */
public interface StrategyFactory extends Configurable {

  /** The settings every route and member has, before its type's own: {@code type} and {@code weight}. */
  SettingsSpec MEMBER = SettingsSpec.of(
      Setting.builder("type", SettingType.STRING).doc("The strategy type; a member with a provider is a single target.")
          .defaultValue("single").build(),
      Setting.builder("weight", SettingType.INTEGER).doc("The member's share in a weighted strategy.")
          .defaultValue("1").min(0, true).build());

  /** The members setting composite strategies declare: a list of routes. */
  Setting TARGETS = Setting.builder("targets", SettingType.OBJECT_LIST)
      .doc("The members, in order: targets (with a provider) or nested strategies.").required().nested(MEMBER)
      .typed("strategy").build();

  /**
   * Creates the strategy.
   *
   * @param settings the validated settings of this route or member
   * @param members builds the strategy of a nested member's settings
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting by path
   */
  Strategy create(Settings settings, Members members);

  /** Builds nested members. Not thread-safe: used during one load. */
  interface Members {
    Strategy build(Settings member);
  }
}
