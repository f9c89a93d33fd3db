package dev.aegis.api.usage;

/**
 * Receives one {@link UsageRecord} per request, for billing exports and chargeback. The gateway
 * calls sinks asynchronously, like event hooks: off the request's thread, from a bounded queue
 * (records beyond it are dropped and counted), so a slow or failing sink never delays a request.
 *
 * <pre>{@code
 * Gateway.builder().usageSink(record -> billing.append(record.tenant(), record.cost()));
 * }</pre>
 *
 * <p>Implementations must be thread-safe; exceptions are counted and swallowed.
 */
@FunctionalInterface
public interface UsageSink {
  void accept(UsageRecord record);
}
