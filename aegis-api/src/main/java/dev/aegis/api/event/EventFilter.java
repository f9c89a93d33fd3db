package dev.aegis.api.event;

import dev.aegis.api.internal.Checks;
import dev.aegis.api.plugin.Outcome;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which events a hook receives: by event type, by tenant, by outcome. Each dimension left unset
 * lets everything through; set dimensions must all match. An event without a tenant (a circuit
 * change, a reload) never matches a tenant filter; an event without an outcome never matches an
 * outcome filter.
 *
 * <pre>{@code
 * Gateway.builder().hook(alerts, EventFilter.builder()
 *     .types(RequestFailed.class, CircuitStateChanged.class)
 *     .build());
 * Gateway.builder().hook(acmeAudit, EventFilter.builder().tenants("acme").build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class EventFilter {
  private static final EventFilter ALL = new EventFilter(List.of(), Set.of(), Set.of());

  private final List<Class<? extends GatewayEvent>> types;
  private final Set<String> tenants;
  private final Set<Outcome.Status> outcomes;

  private EventFilter(List<Class<? extends GatewayEvent>> types, Set<String> tenants, Set<Outcome.Status> outcomes) {
    this.types = types;
    this.tenants = tenants;
    this.outcomes = outcomes;
  }

  /** Lets every event through. */
  public static EventFilter all() {
    return ALL;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether a hook with this filter receives {@code event}, published for a request of
   * {@code tenant} (the request's tenant when the event itself names none; may be null).
   */
  public boolean test(GatewayEvent event, @Nullable String tenant) {
    if (!types.isEmpty()) {
      boolean typed = false;
      for (Class<? extends GatewayEvent> t : types) {
        if (t.isInstance(event)) {
          typed = true;
          break;
        }
      }
      if (!typed) {
        return false;
      }
    }
    if (!tenants.isEmpty()) {
      RequestInfo r = event.request();
      String t = r != null && r.tenant() != null ? r.tenant() : tenant;
      if (t == null || !tenants.contains(t)) {
        return false;
      }
    }
    if (!outcomes.isEmpty()) {
      Outcome.Status s = event.outcome();
      return s != null && outcomes.contains(s);
    }
    return true;
  }

  @Override
  public String toString() {
    return "EventFilter{types=" + types.stream().map(Class::getSimpleName).toList() + ", tenants=" + tenants
        + ", outcomes=" + outcomes + '}';
  }

  /** Builds an {@link EventFilter}. Not thread-safe. */
  public static final class Builder {
    private List<Class<? extends GatewayEvent>> types = List.of();
    private Set<String> tenants = Set.of();
    private Set<Outcome.Status> outcomes = Set.of();

    private Builder() {}

    /** Only events of these types (or their subtypes). */
    @SafeVarargs
    public final Builder types(Class<? extends GatewayEvent>... types) {
      this.types = Checks.copyOf(List.of(Checks.notNull(types, "types")), "types");
      return this;
    }

    /** Only events of requests made for these tenants. */
    public Builder tenants(String... tenants) {
      this.tenants = Set.of(Checks.notNull(tenants, "tenants"));
      return this;
    }

    /** Only events that say how a request ended, with one of these outcomes. */
    public Builder outcomes(Outcome.Status... outcomes) {
      this.outcomes = Set.of(Checks.notNull(outcomes, "outcomes"));
      return this;
    }

    public EventFilter build() {
      return new EventFilter(types, tenants, outcomes);
    }
  }
}
