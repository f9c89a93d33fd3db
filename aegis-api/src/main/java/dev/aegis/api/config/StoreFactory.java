package dev.aegis.api.config;

/**
 * Creates the shared state stores of one backend from a named entry of a configuration file's
 * {@code stores} map ({@code shared: {type: redis, url: ...}}); features pick a store by that
 * name ({@code storage: {limits: shared}}). Registered through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.aegis.api.config.StoreFactory}).
 *
 * <pre>{@code
 * public final class RedisStoreFactory implements StoreFactory {
 *   public String type() { return "redis"; }
 *   public SettingsSpec settings() { return SettingsSpec.of(
 *       Setting.builder("url", SettingType.SECRET).doc("The Redis URL.").required().build()); }
 *   public Stores create(Settings s, ConfigContext c) {
 *     RedisStores r = RedisStores.builder().url(s.secret("url")).build();
 *     return Stores.builder().keys(r.keys()).limiter(r.limiter()).budgets(r.budgets())
 *         .usage(r.usage()).cache(r.cache()).onClose(r::close).build();
 *   }
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe and stateless.
 */
public interface StoreFactory extends Configurable {

  /**
   * Creates the stores; the gateway closes them with itself.
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting by path
   */
  Stores create(Settings settings, ConfigContext context);
}
