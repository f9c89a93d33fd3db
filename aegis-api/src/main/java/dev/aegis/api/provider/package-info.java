/**
 * The provider SPI: a blocking, simple-to-implement contract that adapters for each LLM vendor implement, discovered through {@link java.util.ServiceLoader}.
 */
@NullMarked
package dev.aegis.api.provider;

import org.jspecify.annotations.NullMarked;
