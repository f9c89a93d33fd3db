/**
 * Implementation details of the guardrails pack; not public API and may change without notice.
 */
@NullMarked
package dev.aegis.guardrails.internal;

import org.jspecify.annotations.NullMarked;
