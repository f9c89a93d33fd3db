/**
 * Configuration files: {@link dev.aegis.core.config.GatewayConfig} reads a YAML or JSON file,
 * validates every setting against the declared settings of the built-in and discovered types
 * (reporting every problem at once, with its path and a hint), resolves secret references, and
 * drives the very same {@link dev.aegis.core.Gateway.Builder}; {@link dev.aegis.core.config.StrategyFactory}
 * lets a jar add a strategy type; {@link dev.aegis.core.config.ConfigWatcher} reloads a gateway
 * when its file changes.
 */
@NullMarked
package dev.aegis.core.config;

import org.jspecify.annotations.NullMarked;
