package dev.aegis.core.internal;

/** What one attempt does with its target: chat, stream or embed. */
@FunctionalInterface
interface AttemptRunner<R> {
  R run(TargetRuntime target, AttemptCall call);
}
