/**
 * The gateway's health and readiness, as {@link dev.aegis.api.AiGateway#health()} reports them,
 * and the small SPI through which shared stores (Redis, ...) report whether they are reachable.
 */
@NullMarked
package dev.aegis.api.health;

import org.jspecify.annotations.NullMarked;
