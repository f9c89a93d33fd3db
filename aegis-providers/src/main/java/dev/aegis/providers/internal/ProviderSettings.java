package dev.aegis.providers.internal;

import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.SettingsSpec;

/**
 * The declared options of the built-in adapters, in one place so a factory's {@code settings()}
 * and its {@link OptionsReader} name the same keys. Not public API.
 */
public final class ProviderSettings {
  private ProviderSettings() {}

  /** The body limits every HTTP adapter reads ({@link OptionsReader#TRANSPORT_OPTIONS}). */
  public static final SettingsSpec TRANSPORT = SettingsSpec.of(
      string("maxResponseBytes", "The largest response body read, in bytes (512KiB, 32MiB).", "32MiB"),
      string("maxEventBytes", "The largest single stream event read, in bytes.", "1MiB"));

  /** A string option. */
  public static Setting string(String name, String doc, String defaultValue) {
    return Setting.builder(name, SettingType.STRING).doc(doc).defaultValue(defaultValue).build();
  }

  /** A string option without a default. */
  public static Setting string(String name, String doc) {
    return Setting.builder(name, SettingType.STRING).doc(doc).build();
  }

  /** A secret option: written as a reference such as {@code ${env:NAME}}, never printed. */
  public static Setting secret(String name, String doc) {
    return Setting.builder(name, SettingType.SECRET).doc(doc).build();
  }

  /** The adapter's own options followed by the transport's. */
  public static SettingsSpec http(Setting... own) {
    return SettingsSpec.of(own).and(TRANSPORT);
  }
}
