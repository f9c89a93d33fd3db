/**
 * Aegis contracts and value types: the gateway interface, requests, responses and chunks, the
 * provider SPI, the plugin contract, guardrails, events and the exception hierarchy.
 *
 * <p>Every package but {@code dev.aegis.api.internal} is public API; the internal helpers are
 * shared only with the Aegis modules that implement the contracts.
 */
module dev.aegis.api {
  requires static transitive org.jspecify;

  exports dev.aegis.api;
  exports dev.aegis.api.auth;
  exports dev.aegis.api.budget;
  exports dev.aegis.api.cache;
  exports dev.aegis.api.chat;
  exports dev.aegis.api.config;
  exports dev.aegis.api.credential;
  exports dev.aegis.api.embedding;
  exports dev.aegis.api.error;
  exports dev.aegis.api.event;
  exports dev.aegis.api.guardrail;
  exports dev.aegis.api.health;
  exports dev.aegis.api.limit;
  exports dev.aegis.api.model;
  exports dev.aegis.api.plugin;
  exports dev.aegis.api.provider;
  exports dev.aegis.api.usage;
  exports dev.aegis.api.internal to dev.aegis.core, dev.aegis.providers, dev.aegis.redis;
}
