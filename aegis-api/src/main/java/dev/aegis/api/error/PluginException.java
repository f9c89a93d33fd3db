package dev.aegis.api.error;

/**
 * A plugin threw something other than a {@link GatewayException}. The request fails with this
 * error, which names the plugin and the stage; the original is the cause.
 *
 * <p>Thread-safe once thrown.
 */
public class PluginException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final String plugin;
  private final String stage;

  public PluginException(String plugin, String stage, Throwable cause) {
    super(ErrorKind.INTERNAL, "plugin '" + plugin + "' failed in " + stage + ": " + cause, false, cause);
    this.plugin = plugin;
    this.stage = stage;
  }

  public String plugin() {
    return plugin;
  }

  /** The stage method that failed, e.g. {@code onRequest}. */
  public String stage() {
    return stage;
  }
}
