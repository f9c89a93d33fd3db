package dev.aegis.api.cache;

import dev.aegis.api.internal.Checks;

/**
 * The key of one exact-cache entry: the tenant it belongs to and the SHA-256 digest (lower-case
 * hex) of everything in the request that can change the answer. The tenant is kept apart from
 * the digest so a distributed store can place every key of one tenant in one slot (a Redis hash
 * tag {@code {tenant}}) and drop a tenant's entries together; the digest already covers it, so
 * two tenants never share an entry even in a store that ignores the tenant.
 *
 * @param tenant the tenant, {@code ""} for a single-tenant deployment
 * @param digest 64 lower-case hex characters
 *     <p>Immutable and thread-safe.
 */
public record CacheKey(String tenant, String digest) {
  public CacheKey {
    Checks.notNull(tenant, "tenant");
    Checks.notNull(digest, "digest");
    if (digest.length() != 64) {
      throw new IllegalArgumentException("digest must be 64 hex characters but had " + digest.length());
    }
  }

  @Override
  public String toString() {
    return "CacheKey[" + (tenant.isEmpty() ? "-" : tenant) + ':' + digest.substring(0, 12) + ']';
  }
}
