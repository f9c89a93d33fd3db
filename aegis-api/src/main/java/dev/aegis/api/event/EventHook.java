package dev.aegis.api.event;

/**
 * Receives gateway events (request completions, failed attempts, circuit changes, guardrail
 * findings). Hooks run asynchronously on the gateway's hook thread, never on a request's path:
 * a slow hook delays only other hooks, and when the bounded queue is full, events are dropped and
 * counted rather than blocking a request. A hook that throws is logged and counted, nothing more.
 *
 * <pre>{@code
 * EventHook audit = event -> {
 *   if (event instanceof RequestCompleted done) auditLog.write(done.requestId(), done.status());
 * };
 * }</pre>
 *
 * <p>Implementations need not be thread-safe if registered on one gateway: events are delivered
 * from one thread at a time.
 */
@FunctionalInterface
public interface EventHook {
  void onEvent(GatewayEvent event);
}
