package dev.aegis.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings declaration: documented by construction, typed on read, secrets never printed. */
class SettingsTest {
  private static final SettingsSpec SPEC = SettingsSpec.of(
      Setting.builder("apiKey", SettingType.SECRET).doc("The key.").build(),
      Setting.builder("headers", SettingType.STRING_MAP).doc("Headers.").build(),
      Setting.builder("timeout", SettingType.DURATION).doc("Timeout.").defaultValue("30s").build(),
      Setting.builder("weight", SettingType.INTEGER).doc("Weight.").min(0, true).build());

  @Test
  void aSettingCannotBeDeclaredWithoutItsLineOfDocumentation() {
    assertThatThrownBy(() -> Setting.builder("retries", SettingType.INTEGER).build())
        .isInstanceOf(NullPointerException.class).hasMessage("doc of setting retries must not be null");
    assertThatThrownBy(() -> Setting.builder("retries", SettingType.INTEGER).doc(" ").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("doc of setting retries must not be blank");
  }

  @Test
  void aSpecRejectsTwoSettingsOfOneName() {
    Setting a = Setting.builder("a", SettingType.STRING).doc("A.").build();
    assertThatThrownBy(() -> SettingsSpec.of(a, a)).hasMessage("setting a is declared twice");
    assertThatThrownBy(() -> SettingsSpec.of(a).and(SettingsSpec.of(a))).hasMessage("setting a is declared twice");
  }

  @Test
  void valuesAreReadTypedAndSecretsAndHeaderValuesNeverPrinted() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("apiKey", "sk-live-abcdef123456");
    values.put("headers", Map.of("X-Token", "tok-987654"));
    values.put("timeout", Duration.ofSeconds(5));
    values.put("weight", 3L);
    Settings s = Settings.of("providers.openai", SPEC, values);
    assertThat(s.secret("apiKey")).isEqualTo("sk-live-abcdef123456");
    assertThat(s.duration("timeout")).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.integer("weight", 1)).isEqualTo(3L);
    assertThat(s.decimal("weight")).isEqualTo(3.0);
    assertThat(s.path("weight")).isEqualTo("providers.openai.weight");
    assertThat(s.name()).isEqualTo("openai");
    assertThat(s.toString()).isEqualTo("{apiKey=****, headers=[X-Token], timeout=PT5S, weight=3}");
    assertThat(s.problem("weight", "must be > 0").problems()).extracting(Object::toString)
        .containsExactly("providers.openai.weight: must be > 0");
    assertThatThrownBy(() -> s.string("weight")).isInstanceOf(IllegalStateException.class)
        .hasMessage("providers.openai.weight holds Long, not String");
  }
}
