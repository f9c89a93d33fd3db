package dev.aegis.api.plugin;

import dev.aegis.api.internal.Checks;
import dev.aegis.api.provider.Capability;
import java.util.Set;

/**
 * What a plugin may know about a target when deciding eligibility: its name, provider instance
 * and type, upstream model, whether its provider instance is declared local, its tags and
 * capabilities.
 *
 * @param name the target name
 * @param provider the provider instance name
 * @param providerType the provider type (e.g. {@code openai})
 * @param model the upstream model it would be asked for
 * @param local whether the provider instance is declared local
 * @param tags free-form tags from configuration
 * @param capabilities what the target can do
 *     <p>Immutable and thread-safe.
 */
public record TargetInfo(String name, String provider, String providerType, String model, boolean local,
    Set<String> tags, Set<Capability> capabilities) {
  public TargetInfo {
    Checks.notBlank(name, "name");
    Checks.notBlank(provider, "provider");
    Checks.notNull(providerType, "providerType");
    Checks.notNull(model, "model");
    tags = Set.copyOf(Checks.notNull(tags, "tags"));
    capabilities = Set.copyOf(Checks.notNull(capabilities, "capabilities"));
  }

  public boolean has(Capability capability) {
    return capabilities.contains(capability);
  }
}
