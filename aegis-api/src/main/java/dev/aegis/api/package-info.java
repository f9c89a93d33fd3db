/**
 * The Aegis public API: {@link dev.aegis.api.AiGateway}, the one interface every door into the gateway goes through, and the options that travel with a call.
 */
@NullMarked
package dev.aegis.api;

import org.jspecify.annotations.NullMarked;
