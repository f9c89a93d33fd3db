/**
 * The endpoint as a Vert.x 5 router handler ({@link
 * dev.aegis.providers.openai.server.vertx.OpenAiVertxHandler}) that never blocks the event loop.
 * Needs {@code io.vertx:vertx-web}, an optional dependency of aegis-providers.
 */
@NullMarked
package dev.aegis.providers.openai.server.vertx;

import org.jspecify.annotations.NullMarked;
