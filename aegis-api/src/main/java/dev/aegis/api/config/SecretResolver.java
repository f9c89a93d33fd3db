package dev.aegis.api.config;

import org.jspecify.annotations.Nullable;

/**
 * Resolves the secret references of one scheme in configuration values: {@code ${env:NAME}},
 * {@code ${file:/run/secrets/openai}} and {@code ${sys:property}} are built in; a vault adds its
 * own scheme through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.aegis.api.config.SecretResolver} entry) or the loader's options.
 *
 * <p>A resolver never puts a resolved value in an exception message or a log line.
 *
 * <p>Implementations must be thread-safe.
 */
public interface SecretResolver {

  /** The scheme before the colon: {@code env}, {@code file}, {@code vault}. */
  String scheme();

  /**
   * The value of {@code name}, or {@code null} when it does not exist (the loader then reports
   * the reference, never a value).
   *
   * @throws RuntimeException when the store cannot be read; its message must not hold a secret
   */
  @Nullable String resolve(String name);
}
