/** The response cache's implementation: key encoding, value codec, coalescing, the semantic index. Not public API. */
@NullMarked
package dev.aegis.core.cache.internal;

import org.jspecify.annotations.NullMarked;
