package dev.aegis.core.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A one-way cancellation flag with callbacks. A child signal (one attempt) is cancelled with its
 * parent (the request) but can also be cancelled alone (a losing hedge). Callbacks run once, on
 * the cancelling thread, outside the monitor. The monitor guards a few field updates only (never
 * I/O or callbacks), so it cannot pin a virtual thread for long, and it costs no lock object per
 * request.
 */
public final class CancelSignal {
  private volatile boolean cancelled;
  private @Nullable List<Runnable> actions;
  private @Nullable String reason;

  public boolean isCancelled() {
    return cancelled;
  }

  /** Why it was cancelled, or {@code null}. */
  public @Nullable String reason() {
    return reason;
  }

  /** Registers an action; runs it at once if already cancelled. */
  public void onCancel(Runnable action) {
    synchronized (this) {
      if (!cancelled) {
        if (actions == null) {
          actions = new ArrayList<>(2);
        }
        actions.add(action);
        return;
      }
    }
    action.run();
  }

  /** Removes a registered action (an attempt that ended normally). */
  public void remove(Runnable action) {
    synchronized (this) {
      if (actions != null) {
        actions.remove(action);
      }
    }
  }

  /** Cancels; returns whether this call did it. */
  public boolean cancel(String why) {
    List<Runnable> toRun;
    synchronized (this) {
      if (cancelled) {
        return false;
      }
      reason = why;
      cancelled = true;
      toRun = actions;
      actions = null;
    }
    if (toRun != null) {
      for (Runnable r : toRun) {
        try {
          r.run();
        } catch (RuntimeException ignored) {
          // a failing cancel action must not stop the others from running
        }
      }
    }
    return true;
  }

  /** A child signal cancelled together with this one. */
  public CancelSignal child() {
    CancelSignal child = new CancelSignal();
    Runnable propagate = () -> child.cancel(reason == null ? "cancelled" : reason);
    onCancel(propagate);
    return child;
  }
}
