package dev.aegis.core.internal.auth;

import dev.aegis.api.auth.Scope;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.error.AuthenticationException;
import dev.aegis.api.error.PermissionDeniedException;
import dev.aegis.api.plugin.AttributeKey;
import dev.aegis.api.plugin.Eligibility;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.LabelKey;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.core.internal.RouteCatalog;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The built-in authentication plugin, first of the built-ins: resolves the request's credential
 * (a virtual key) to its principal, applies the key's alias remapping, enforces its scopes and
 * model and provider allow-lists (a request none of whose targets the key may reach is refused
 * before any provider is called; otherwise disallowed targets are dropped), and publishes its
 * guardrail profile as the {@code guardrail_profile} label.
 *
 * <p>A request without a credential passes when the host gave a principal (it authenticated the
 * caller itself); without either it is refused.
 */
public final class AuthPlugin implements Plugin {
  /** The label guardrail plugins read to pick a profile. */
  public static final LabelKey<String> GUARDRAIL_PROFILE = LabelKey.of("guardrail_profile");
  /** The key a request authenticated with; read by the limits and budget plugins. */
  public static final AttributeKey<VirtualKey> KEY = AttributeKey.create("aegis.virtual_key", VirtualKey.class);

  private final KeyRegistry registry;
  private final RouteCatalog routes;

  public AuthPlugin(KeyRegistry registry, RouteCatalog routes) {
    this.registry = registry;
    this.routes = routes;
  }

  @Override
  public String name() {
    return "auth";
  }

  public KeyRegistry registry() {
    return registry;
  }

  @Override
  public RequestDecision onRequest(Exchange exchange) {
    String credential = exchange.credential();
    if (credential == null) {
      if (exchange.principal() != null) {
        return RequestDecision.proceed();
      }
      throw new AuthenticationException("no credential: the request carries no virtual key");
    }
    VirtualKey key = registry.authenticate(credential);
    if (!key.scopes().contains(Scope.INFERENCE)) {
      throw new PermissionDeniedException("virtual key '" + key.id() + "' has no inference scope");
    }
    exchange.attributes().put(KEY, key);
    exchange.principal(key.principal());
    if (key.policy().guardrailProfile() != null) {
      exchange.labels().set(GUARDRAIL_PROFILE, key.policy().guardrailProfile());
    }
    String requested = RouteCatalog.requested(exchange);
    String alias = remap(key, requested);
    String effective = alias != null ? alias : routes.defaultRoute();
    if (effective != null && !key.allowsModel(effective)) {
      throw new PermissionDeniedException("virtual key '" + key.id() + "' may not use model '" + effective + "'");
    }
    if (!key.allowedProviders().isEmpty()) {
      List<TargetInfo> targets = routes.targetsOf(alias);
      if (!targets.isEmpty() && targets.stream().noneMatch(t -> key.allowsProvider(t.provider()))) {
        throw new PermissionDeniedException("virtual key '" + key.id() + "' may not use any provider of model '"
            + effective + "'");
      }
    }
    if (alias != null && !alias.equals(requested)) {
      return exchange.isEmbedding()
          ? RequestDecision.replace(exchange.embeddingRequest().toBuilder().model(alias).build())
          : RequestDecision.replace(exchange.request().toBuilder().model(alias).build());
    }
    return RequestDecision.proceed();
  }

  @Override
  public Eligibility eligible(Exchange exchange, TargetInfo target) {
    VirtualKey key = exchange.attributes().get(KEY);
    if (key == null || key.allowsProvider(target.provider())) {
      return Eligibility.keep();
    }
    return Eligibility.drop("virtual key '" + key.id() + "' may not use provider '" + target.provider() + "'");
  }

  private static @Nullable String remap(VirtualKey key, @Nullable String requested) {
    if (requested == null) {
      return null;
    }
    String to = key.policy().aliases().get(requested);
    return to == null ? requested : to;
  }

  /** The principal for {@code models(options)}: the key's, or the host's. */
  public @Nullable VirtualKey keyFor(@Nullable String credential) {
    return credential == null ? null : registry.authenticate(credential);
  }
}
