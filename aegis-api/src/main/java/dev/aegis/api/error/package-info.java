/**
 * The unchecked exception hierarchy rooted at {@link dev.aegis.api.error.GatewayException}.
 */
@NullMarked
package dev.aegis.api.error;

import org.jspecify.annotations.NullMarked;
