/**
 * Events published to hooks, asynchronously and off the request path.
 */
@NullMarked
package dev.aegis.api.event;

import org.jspecify.annotations.NullMarked;
