package dev.aegis.api.auth;

import dev.aegis.api.Principal;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.internal.Checks;
import dev.aegis.api.limit.RateLimit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a virtual key is and may do: whom it stands for (tenant, user), which models (globs over
 * aliases, {@code *} any run of characters) and provider instances it may use (empty: all), its
 * scopes, when it expires, its own rate limits and budgets, its policy (guardrail profile, alias
 * remapping) and free-form metadata. It never holds the secret.
 *
 * <p>A key built by the host is a <em>template</em> for {@link VirtualKeys#issue}: its id may be
 * left unset and is generated then. Every key that {@link VirtualKeys} returns has an id.
 *
 * <pre>{@code
 * VirtualKey template = VirtualKey.builder()
 *     .tenant("acme").user("alice").name("notebook")
 *     .allowModel("smart").allowModel("fast-*")
 *     .limit(RateLimit.requests(RateLimit.Scope.KEY, 60, Duration.ofMinutes(1)))
 *     .budget(Budget.of("alice-daily", Budget.Scope.KEY, "5.00", Budget.Period.DAILY))
 *     .expiresAt(Instant.parse("2027-01-01T00:00:00Z"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class VirtualKey {
  private final @Nullable String id;
  private final @Nullable String name;
  private final @Nullable String tenant;
  private final @Nullable String user;
  private final List<String> allowedModels;
  private final Set<String> allowedProviders;
  private final Set<Scope> scopes;
  private final @Nullable Instant createdAt;
  private final @Nullable Instant expiresAt;
  private final @Nullable Instant revokedAt;
  private final List<RateLimit> limits;
  private final List<Budget> budgets;
  private final KeyPolicy policy;
  private final Map<String, String> metadata;

  private VirtualKey(Builder b) {
    id = b.id;
    name = b.name;
    tenant = b.tenant;
    user = b.user;
    allowedModels = List.copyOf(b.allowedModels);
    allowedProviders = Set.copyOf(b.allowedProviders);
    scopes = b.scopes.isEmpty() ? Set.of(Scope.INFERENCE) : Set.copyOf(b.scopes);
    createdAt = b.createdAt;
    expiresAt = b.expiresAt;
    revokedAt = b.revokedAt;
    limits = List.copyOf(b.limits);
    budgets = List.copyOf(b.budgets);
    policy = b.policy;
    metadata = Checks.copyOf(b.metadata, "metadata");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The key id (the public part of the secret, used for lookup); {@code null} only on a template. */
  public @Nullable String id() {
    return id;
  }

  /** A human-readable name, or {@code null}. */
  public @Nullable String name() {
    return name;
  }

  public @Nullable String tenant() {
    return tenant;
  }

  public @Nullable String user() {
    return user;
  }

  /** Globs over the aliases this key may request; empty means every alias. */
  public List<String> allowedModels() {
    return allowedModels;
  }

  /** Provider instances this key's requests may reach; empty means all. */
  public Set<String> allowedProviders() {
    return allowedProviders;
  }

  /** Never empty; {@link Scope#INFERENCE} unless set. */
  public Set<Scope> scopes() {
    return scopes;
  }

  public @Nullable Instant createdAt() {
    return createdAt;
  }

  /** When the key stops working, or {@code null} for never. */
  public @Nullable Instant expiresAt() {
    return expiresAt;
  }

  /** When the key was revoked, or {@code null}. */
  public @Nullable Instant revokedAt() {
    return revokedAt;
  }

  public List<RateLimit> limits() {
    return limits;
  }

  public List<Budget> budgets() {
    return budgets;
  }

  public KeyPolicy policy() {
    return policy;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  /** Whether the key may be used at {@code now}: not revoked and not expired. */
  public boolean isLive(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** Whether the alias matches one of {@link #allowedModels()} (always, when there are none). */
  public boolean allowsModel(String alias) {
    if (allowedModels.isEmpty()) {
      return true;
    }
    for (String glob : allowedModels) {
      if (glob(glob, 0, alias, 0)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the provider instance is allowed (always, when no provider is listed). */
  public boolean allowsProvider(String provider) {
    return allowedProviders.isEmpty() || allowedProviders.contains(provider);
  }

  /** The principal this key stands for: its user (or the key id) in its tenant. */
  public Principal principal() {
    String keyId = Checks.notNull(id, "id");
    return new Principal(user != null ? user : keyId, tenant, user, keyId, metadata);
  }

  /** {@code *} matches any run of characters, everything else itself; no regex, no allocation. */
  private static boolean glob(String g, int gi, String s, int si) {
    while (gi < g.length()) {
      char c = g.charAt(gi);
      if (c == '*') {
        for (int k = si; k <= s.length(); k++) {
          if (glob(g, gi + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      gi++;
      si++;
    }
    return si == s.length();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof VirtualKey)) return false;
    VirtualKey k = (VirtualKey) o;
    return Objects.equals(id, k.id) && Objects.equals(name, k.name) && Objects.equals(tenant, k.tenant)
        && Objects.equals(user, k.user) && allowedModels.equals(k.allowedModels)
        && allowedProviders.equals(k.allowedProviders) && scopes.equals(k.scopes)
        && Objects.equals(createdAt, k.createdAt) && Objects.equals(expiresAt, k.expiresAt)
        && Objects.equals(revokedAt, k.revokedAt) && limits.equals(k.limits) && budgets.equals(k.budgets)
        && policy.equals(k.policy) && metadata.equals(k.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, tenant, user, allowedModels, expiresAt, revokedAt);
  }

  @Override
  public String toString() {
    return "VirtualKey{id=" + id + ", tenant=" + tenant + ", user=" + user + ", models=" + allowedModels
        + ", scopes=" + scopes + (revokedAt != null ? ", revoked" : "") + '}';
  }

  /** Builds a {@link VirtualKey}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String name;
    private @Nullable String tenant;
    private @Nullable String user;
    private final List<String> allowedModels = new ArrayList<>();
    private final Set<String> allowedProviders = new LinkedHashSet<>();
    private final Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    private @Nullable Instant createdAt;
    private @Nullable Instant expiresAt;
    private @Nullable Instant revokedAt;
    private final List<RateLimit> limits = new ArrayList<>();
    private final List<Budget> budgets = new ArrayList<>();
    private KeyPolicy policy = KeyPolicy.NONE;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {}

    private Builder(VirtualKey k) {
      id = k.id;
      name = k.name;
      tenant = k.tenant;
      user = k.user;
      allowedModels.addAll(k.allowedModels);
      allowedProviders.addAll(k.allowedProviders);
      scopes.addAll(k.scopes);
      createdAt = k.createdAt;
      expiresAt = k.expiresAt;
      revokedAt = k.revokedAt;
      limits.addAll(k.limits);
      budgets.addAll(k.budgets);
      policy = k.policy;
      metadata.putAll(k.metadata);
    }

    /** The key id: letters and digits only, 4 to 32 of them. Normally left to the gateway. */
    public Builder id(@Nullable String id) {
      if (id != null && !id.matches("[A-Za-z0-9]{4,32}")) {
        throw new IllegalArgumentException("a key id must be 4 to 32 letters or digits");
      }
      this.id = id;
      return this;
    }

    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    public Builder tenant(@Nullable String tenant) {
      this.tenant = tenant;
      return this;
    }

    public Builder user(@Nullable String user) {
      this.user = user;
      return this;
    }

    /** Allows aliases matching the glob ({@code *} is any run of characters). */
    public Builder allowModel(String glob) {
      allowedModels.add(Checks.notBlank(glob, "glob"));
      return this;
    }

    public Builder allowProvider(String provider) {
      allowedProviders.add(Checks.notBlank(provider, "provider"));
      return this;
    }

    public Builder scope(Scope scope) {
      scopes.add(Checks.notNull(scope, "scope"));
      return this;
    }

    public Builder createdAt(@Nullable Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder expiresAt(@Nullable Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    public Builder revokedAt(@Nullable Instant revokedAt) {
      this.revokedAt = revokedAt;
      return this;
    }

    public Builder limit(RateLimit limit) {
      limits.add(Checks.notNull(limit, "limit"));
      return this;
    }

    public Builder budget(Budget budget) {
      budgets.add(Checks.notNull(budget, "budget"));
      return this;
    }

    public Builder policy(KeyPolicy policy) {
      this.policy = Checks.notNull(policy, "policy");
      return this;
    }

    public Builder metadata(String key, String value) {
      metadata.put(Checks.notNull(key, "metadata key"), Checks.notNull(value, "metadata value"));
      return this;
    }

    public VirtualKey build() {
      return new VirtualKey(this);
    }
  }
}
