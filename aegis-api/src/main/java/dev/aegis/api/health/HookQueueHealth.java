package dev.aegis.api.health;

/**
 * The hook queue's fill.
 *
 * @param queued events waiting for delivery
 * @param capacity the queue's bound
 * @param dropped events dropped so far because the queue was full
 *     <p>Immutable and thread-safe.
 */
public record HookQueueHealth(int queued, int capacity, long dropped) {}
