package com.example.thirdparty;

import dev.aegis.api.config.ConfigContext;
import dev.aegis.api.config.PluginFactory;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A third party's plugin type, {@code test-audit}, found on the class path through ServiceLoader. */
public final class AuditPluginFactory implements PluginFactory {
  /** What every audit plugin saw: its label and the requested model. */
  public static final List<String> SEEN = new CopyOnWriteArrayList<>();

  @Override
  public String type() {
    return "test-audit";
  }

  @Override
  public SettingsSpec settings() {
    return SettingsSpec.of(
        Setting.builder("label", SettingType.STRING).doc("Written before each entry.").required().build(),
        Setting.builder("sampleRate", SettingType.DECIMAL).doc("The share of requests audited.").defaultValue("1.0")
            .min(0, false).build());
  }

  @Override
  public Plugin create(Settings settings, ConfigContext context) {
    String label = settings.string("label", "");
    double rate = settings.decimal("sampleRate", 1.0);
    return new Plugin() {
      @Override
      public String name() {
        return "test-audit";
      }

      @Override
      public RequestDecision onRequest(Exchange exchange) {
        SEEN.add(label + " " + exchange.request().model() + " rate=" + rate);
        return RequestDecision.proceed();
      }
    };
  }
}
