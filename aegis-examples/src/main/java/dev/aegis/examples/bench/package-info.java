/**
 * The servers of the HTTP load benchmark ({@code bench/http-load.sh}): an upstream that speaks
 * the OpenAI API with fixed answers and no delay, the bare passthrough (the gateway's own stack,
 * Jetty + OkHttp + Jackson, forwarding with nothing else) that is the floor, and the gateway with
 * a realistic plugin set behind Jetty and Vert.x. {@link dev.aegis.examples.bench.LoadBenchServers}
 * starts them all.
 */
@NullMarked
package dev.aegis.examples.bench;

import org.jspecify.annotations.NullMarked;
