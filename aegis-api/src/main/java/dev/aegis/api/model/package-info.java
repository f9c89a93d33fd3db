/**
 * Model listings.
 */
@NullMarked
package dev.aegis.api.model;

import org.jspecify.annotations.NullMarked;
