package dev.aegis.core.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A one-way cancellation flag with callbacks. A child signal (one attempt) is cancelled with its
 * parent (the request) but can also be cancelled alone (a losing hedge). A child reads its
 * parent's flag directly and joins the parent's callbacks only when it gets a callback of its
 * own, so an attempt whose provider registers nothing costs one small object. Callbacks run
 * once, on the cancelling thread, outside the monitor. The monitor guards a few field updates
 * only (never I/O or callbacks), so it cannot pin a virtual thread for long, and it costs no lock
 * object per request.
 */
public final class CancelSignal {
  private final @Nullable CancelSignal parent;
  private volatile boolean cancelled;
  private @Nullable List<Runnable> actions;
  private volatile @Nullable String reason;
  /** Whether this child has joined its parent's callbacks (guarded by {@code this}). */
  private boolean linked;

  public CancelSignal() {
    this(null);
  }

  private CancelSignal(@Nullable CancelSignal parent) {
    this.parent = parent;
  }

  public boolean isCancelled() {
    return cancelled || parent != null && parent.isCancelled();
  }

  /** Why it was cancelled, or {@code null}. */
  public @Nullable String reason() {
    if (cancelled) {
      return reason;
    }
    return parent == null ? null : parent.reason();
  }

  /** Registers an action; runs it at once if already cancelled. */
  public void onCancel(Runnable action) {
    boolean link = false;
    synchronized (this) {
      if (!cancelled) {
        if (actions == null) {
          actions = new ArrayList<>(2);
        }
        actions.add(action);
        if (parent != null && !linked) {
          linked = true;
          link = true;
        }
        if (!link) {
          return;
        }
      }
    }
    if (link) {
      CancelSignal p = parent;
      p.onCancel(() -> cancel("cancelled")); // takes the parent's reason
      return;
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

  /**
   * Cancels; returns whether this call did it. A child whose parent is already cancelled takes
   * the parent's reason, as if the parent's cancellation had reached it first.
   */
  public boolean cancel(String why) {
    CancelSignal p = parent;
    String parentReason = p != null && p.isCancelled() ? p.reason() : null;
    boolean byParent = p != null && p.isCancelled();
    List<Runnable> toRun;
    synchronized (this) {
      if (cancelled) {
        return false;
      }
      reason = byParent ? (parentReason == null ? "cancelled" : parentReason) : why;
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
    return !byParent;
  }

  /** A child signal cancelled together with this one. */
  public CancelSignal child() {
    return new CancelSignal(this);
  }
}
