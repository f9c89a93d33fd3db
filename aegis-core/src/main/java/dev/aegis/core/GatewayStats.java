package dev.aegis.core;

/**
 * A point-in-time view of the gateway's own counters.
 *
 * @param inFlight calls currently running
 * @param hookEventsDelivered events delivered to the hooks
 * @param hookEventsDropped events dropped because the hook queue was full (or closing)
 * @param hookFailures hook invocations that threw
 * @param pluginFailures {@code onComplete} invocations that threw (and were swallowed)
 *     <p>Immutable and thread-safe.
 */
public record GatewayStats(int inFlight, long hookEventsDelivered, long hookEventsDropped, long hookFailures,
    long pluginFailures) {}
