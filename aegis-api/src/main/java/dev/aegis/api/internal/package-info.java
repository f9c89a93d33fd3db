/**
 * Implementation helpers shared by the API's own types. Not part of the public API; may change without notice.
 */
@NullMarked
package dev.aegis.api.internal;

import org.jspecify.annotations.NullMarked;
