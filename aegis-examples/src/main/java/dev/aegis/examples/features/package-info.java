/**
 * One runnable example per feature, each a {@code main} that builds a gateway over the built-in
 * mock provider (no network, no key), shows one thing and prints what happened. Run any of them
 * with
 *
 * <pre>{@code
 * mvn -B -q -DskipTests -pl aegis-examples -am package exec:java -Dexec.mainClass=dev.aegis.examples.features.RouteExample
 * }</pre>
 *
 * <p>{@code FeatureExamplesTest} runs each one and checks every line it prints.
 */
@NullMarked
package dev.aegis.examples.features;

import org.jspecify.annotations.NullMarked;
