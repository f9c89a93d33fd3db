package dev.aegis.api.plugin;

/**
 * How sensitive a request's data is, in increasing strictness. Written by classification plugins
 * as the {@link #LABEL} label; routing honours it: {@link #RESTRICTED} data may only go to targets
 * declared local.
 *
 * <p>Immutable and thread-safe.
 */
public enum Classification {
  PUBLIC,
  INTERNAL,
  CONFIDENTIAL,
  RESTRICTED;

  /** The ordered {@code classification} label. */
  public static final LabelKey<Classification> LABEL = LabelKey.ordered("classification", Classification.class);
}
