/** The Redis stores and their scripts; not exported. */
@NullMarked
package dev.aegis.redis.internal;

import org.jspecify.annotations.NullMarked;
