/**
 * AWS wire plumbing: Signature Version 4 signing and the application/vnd.amazon.eventstream frame decoder. Not public API.
 */
@NullMarked
package dev.aegis.providers.aws.internal;

import org.jspecify.annotations.NullMarked;
