package dev.aegis.api.plugin;

/**
 * A plugin made of two halves that a gateway with a response cache places on either side of it:
 * the {@linkplain #inputStage() input half} (input checks, classification, masking on the way
 * in; unmasking on the way back) before the cache, the {@linkplain #outputStage() output half}
 * (output scanning, redaction, blocking) after it. Because response stages run in reverse order,
 * an answer then passes output scan → cache store → unmask, so the cache only ever holds
 * scanned, still-masked answers, and a hit is unmasked with the current request's own mask map.
 *
 * <p>Registered on a gateway without a cache, the plugin runs whole, as any other plugin. The
 * two halves share the request's state through the {@link Exchange}; together they do what the
 * plugin does alone.
 *
 * <pre>{@code
 * Gateway.builder()
 *     .cache(ResponseCache.builder().build())
 *     .plugin(GuardrailPlugin.defaults())   // split around the cache, whatever the call order
 *     ...
 * }</pre>
 *
 * <p>Implementations must be thread-safe, as every plugin; each half is one shared instance.
 */
public interface SplitPlugin extends Plugin {

  /** The half that runs before the cache: input checks, classification, masking; unmasking on the way back. */
  Plugin inputStage();

  /** The half that runs after the cache: output scanning, redaction and blocking, on still-masked answers. */
  Plugin outputStage();
}
