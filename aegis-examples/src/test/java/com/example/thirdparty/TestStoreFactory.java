package com.example.thirdparty;

import dev.aegis.api.config.ConfigContext;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.config.StoreFactory;
import dev.aegis.api.config.Stores;
import dev.aegis.api.limit.LimitDecision;
import dev.aegis.api.limit.LimitRequest;
import dev.aegis.api.limit.LimitStatus;
import dev.aegis.api.limit.LimiterStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A third party's store type, {@code test-store}, shaped like a Redis one: a URL secret, stores, a close. */
public final class TestStoreFactory implements StoreFactory {
  public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  public String type() {
    return "test-store";
  }

  @Override
  public SettingsSpec settings() {
    return SettingsSpec.of(Setting.builder("url", SettingType.SECRET).doc("Where the store lives.").required().build());
  }

  @Override
  public Stores create(Settings settings, ConfigContext context) {
    EVENTS.add("created " + (settings.secret("url").isEmpty() ? "" : "with url"));
    LimiterStore limiter = new LimiterStore() {
      @Override
      public LimitDecision acquire(LimitRequest request) {
        EVENTS.add("limit checked");
        return LimitDecision.admit(LimitStatus.NONE);
      }

      @Override
      public void settle(LimitRequest admitted, long actualTokens) {
        EVENTS.add("settled");
      }
    };
    return Stores.builder().limiter(limiter).onClose(() -> EVENTS.add("closed")).build();
  }
}
