/**
 * The OpenAI-compatible HTTP endpoint, framework-neutral: {@link
 * dev.aegis.providers.openai.server.OpenAiEndpoint} serves {@code /v1/chat/completions},
 * {@code /v1/embeddings}, {@code /v1/models}, {@code /health}, {@code /ready} and the admin API
 * under {@code /admin} over any {@link
 * dev.aegis.api.AiGateway}, reusing the OpenAI adapter's wire codec in the inbound direction. A
 * server binding ({@code .servlet}, {@code .vertx}, or a host's own) adapts its request and
 * response to {@link dev.aegis.providers.openai.server.ServerRequest} and {@link
 * dev.aegis.providers.openai.server.ServerResponse}.
 */
@NullMarked
package dev.aegis.providers.openai.server;

import org.jspecify.annotations.NullMarked;
