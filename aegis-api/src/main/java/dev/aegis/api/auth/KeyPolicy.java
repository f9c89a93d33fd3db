package dev.aegis.api.auth;

import dev.aegis.api.internal.Checks;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a virtual key changes about its requests: the guardrail profile to apply (published as
 * the {@code guardrail_profile} label for guardrail plugins to read) and alias remapping (this
 * key's {@code gpt-4o} means the alias {@code smart}).
 *
 * <pre>{@code
 * KeyPolicy policy = new KeyPolicy("strict", Map.of("gpt-4o", "smart"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param guardrailProfile the named guardrail profile, or {@code null} for the gateway's default
 * @param aliases requested model to alias, applied before routing and before the allow-list check
 */
public record KeyPolicy(@Nullable String guardrailProfile, Map<String, String> aliases) {
  /** No profile, no remapping. */
  public static final KeyPolicy NONE = new KeyPolicy(null, Map.of());

  public KeyPolicy {
    aliases = Checks.copyOf(aliases, "aliases");
  }
}
