package dev.aegis.providers.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The preset registry is fixed: the built-in list is immutable and lookups see only it. */
class PresetRegistryTest {

  @Test
  void theBuiltInPresetsAreFixedAndImmutable() {
    List<Preset> presets = Preset.builtIn();
    assertThat(presets).extracting(Preset::name).containsExactly("groq", "mistral", "together", "deepseek",
        "openrouter", "fireworks", "xai", "perplexity", "cerebras", "vllm", "lmstudio", "llamacpp", "generic");
    assertThatThrownBy(() -> presets.add(Preset.custom("mine", "https://example.test/v1", Preset.AuthStyle.BEARER)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> presets.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(Preset.builtIn()).isSameAs(presets);
  }

  @Test
  void aCustomPresetIsNotRegistered() {
    Preset.custom("inhouse", "https://llm.internal/v1", Preset.AuthStyle.BEARER);
    assertThat(Preset.named("inhouse")).isNull();
    assertThat(Preset.named("GROQ")).isSameAs(Preset.GROQ);
  }
}
