/**
 * Virtual keys: the caller-facing API keys the gateway issues, what each may do (models,
 * providers, scopes, limits, budget, policy), the admin interface {@link dev.aegis.api.auth.VirtualKeys}
 * and the storage SPI {@link dev.aegis.api.auth.KeyStore}.
 */
@NullMarked
package dev.aegis.api.auth;

import org.jspecify.annotations.NullMarked;
