/**
 * Credentials for upstream providers and the refreshable {@link dev.aegis.api.credential.CredentialProvider}.
 */
@NullMarked
package dev.aegis.api.credential;

import org.jspecify.annotations.NullMarked;
