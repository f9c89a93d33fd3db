/**
 * Runnable examples: {@link dev.aegis.examples.Quickstart} routes and streams through the mock
 * provider without any API key.
 */
@NullMarked
package dev.aegis.examples;

import org.jspecify.annotations.NullMarked;
