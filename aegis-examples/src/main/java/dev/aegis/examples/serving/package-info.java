/**
 * Runnable servers for the OpenAI-compatible endpoint over the mock provider: {@link
 * dev.aegis.examples.serving.ServletExample} (embedded Jetty 12) and {@link
 * dev.aegis.examples.serving.VertxExample} (Vert.x 5), with the demo gateway they share.
 */
package dev.aegis.examples.serving;
