/**
 * The endpoint as a Jakarta Servlet 6 servlet ({@link
 * dev.aegis.providers.openai.server.servlet.OpenAiServlet}), with asynchronous, non-blocking
 * request reading and response writing. Needs {@code jakarta.servlet:jakarta.servlet-api}, an
 * optional dependency of aegis-providers.
 */
@NullMarked
package dev.aegis.providers.openai.server.servlet;

import org.jspecify.annotations.NullMarked;
