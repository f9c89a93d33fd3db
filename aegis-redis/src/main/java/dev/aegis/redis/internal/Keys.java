package dev.aegis.redis.internal;

import org.jspecify.annotations.Nullable;

/**
 * Where each store keeps its state. Every key of one request carries its tenant as the hash tag
 * {@code {tenant}}, so one request's scripts touch one hash slot, on Redis Cluster too. A
 * virtual key's record is tagged by its id: it is looked up before the tenant is known.
 *
 * <p>Immutable and thread-safe.
 */
public final class Keys {
  private final String prefix;

  public Keys(String prefix) {
    this.prefix = prefix;
  }

  public String limit(String partition, String counter) {
    return prefix + ":{" + partition + "}:l:" + counter;
  }

  public String budget(String partition, String counter) {
    return prefix + ":{" + partition + "}:b:" + counter;
  }

  public String usage(String tenant, String granularity, long startSecond) {
    return prefix + ":{" + tenant + "}:u:" + granularity + ':' + startSecond;
  }

  public String usageTenants() {
    return prefix + ":usage:tenants";
  }

  public String cache(String tenant, String digest) {
    return prefix + ":{" + (tenant.isEmpty() ? "-" : tenant) + "}:c:" + digest;
  }

  public String virtualKey(String id) {
    return prefix + ":key:{" + id + '}';
  }

  /** The ids of a tenant's keys ({@code null}: every key). */
  public String keyIndex(@Nullable String tenant) {
    return tenant == null ? prefix + ":keys:all" : prefix + ":keys:{" + tenant + '}';
  }
}
