/**
 * The gateway's engine. Not public API; may change without notice.
 */
@NullMarked
package dev.aegis.core.internal;

import org.jspecify.annotations.NullMarked;
