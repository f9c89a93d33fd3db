/**
 * Normalized embedding requests and responses.
 */
@NullMarked
package dev.aegis.api.embedding;

import org.jspecify.annotations.NullMarked;
