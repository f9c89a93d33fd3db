package dev.aegis.api.config;

/**
 * A factory a configuration file names by {@link #type()}: its settings are declared once, in
 * {@link #settings()}, and that declaration drives validation, did-you-mean hints and the
 * generated documentation.
 *
 * <p>Implementations must be thread-safe and stateless.
 */
public interface Configurable {

  /** The name a file writes as {@code type:}, e.g. {@code anthropic}, {@code pii}, {@code redis}. */
  String type();

  /** The settings this type takes beyond the common ones of its kind; empty by default. */
  default SettingsSpec settings() {
    return SettingsSpec.empty();
  }

  /** One line saying what the type is, for the generated documentation. */
  default String description() {
    return "";
  }
}
