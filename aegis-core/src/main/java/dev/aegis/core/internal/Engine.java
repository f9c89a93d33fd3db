package dev.aegis.core.internal;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.Ticker;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.internal.Checks;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.health.HealthReport;
import dev.aegis.core.internal.telemetry.Telemetry;
import dev.aegis.core.resilience.Sleeper;
import dev.aegis.core.routing.PriceTable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's engine: the current configuration snapshot, time, threads, hooks, and the set
 * of in-flight calls that {@link #close} waits for.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  static final String CLOSED = "closed";
  /** The period of the default scheduler's keeper task (see {@link #defaultScheduler}). */
  private static final long KEEPER_MILLIS = 1000;

  private final AtomicReference<Snapshot> snapshot;
  private final Ticker ticker;
  private final Clock clock;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final HookDispatcher hooks;
  private final Duration closeGrace;
  private final @Nullable Sleeper sleeper;
  private final PriceTable prices;
  private final CallListener listener;
  private final AtomicLong listenerFailures = new AtomicLong();
  private final AttemptExecutor attempts = new AttemptExecutor(this);
  private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
  private final ReentrantLock closeLock = new ReentrantLock();
  private final Condition drained = closeLock.newCondition();
  private final AtomicLong pluginFailures = new AtomicLong();
  private final AtomicLong ids = new AtomicLong();
  private final String idPrefix;
  private final boolean logPrompts;
  private final HealthMonitor health;
  private volatile boolean closed;
  private final Telemetry telemetry;
  private final java.util.Queue<Provider> retired = new java.util.concurrent.ConcurrentLinkedQueue<>();

  public Engine(Snapshot snapshot, Ticker ticker, Clock clock, @Nullable ExecutorService executor,
      @Nullable ScheduledExecutorService scheduler, HookDispatcher hooks, Duration closeGrace,
      @Nullable Sleeper sleeper, PriceTable prices, CallListener listener, ObservabilitySpec observability) {
    this.sleeper = sleeper;
    this.prices = prices;
    this.snapshot = new AtomicReference<>(snapshot);
    this.ticker = ticker;
    this.clock = clock;
    this.ownsExecutor = executor == null;
    this.executor = executor == null ? defaultExecutor() : executor;
    this.ownsScheduler = scheduler == null;
    this.scheduler = scheduler == null ? defaultScheduler() : scheduler;
    this.hooks = hooks;
    this.closeGrace = closeGrace;
    this.idPrefix = "aegis-" + Long.toHexString(System.nanoTime() & 0xffffffL) + "-";
    this.logPrompts = observability.logPrompts();
    this.health = new HealthMonitor(this, observability.stores());
    this.telemetry = Telemetry.create(observability.meterRegistry(), observability.openTelemetry(),
        observability.semconvLatest(), observability.principalTags(), observability.propagateTraceContext(),
        observability.logPrompts(), ticker, health);
    // an explicitly given listener (the seam's own tests) replaces the built-in metrics and traces
    this.listener = listener != CallListener.NOOP ? listener
        : telemetry.enabled() ? new TelemetryListener(this, telemetry) : CallListener.NOOP;
    if (observability.probeInterval() != null) {
      health.startProbes(observability.probeInterval());
    }
  }

  // ---------------------------------------------------------------- doors

  public ChatResponse route(ChatRequest request, RequestOptions options) {
    return newCall(Exchange.Door.ROUTE, Checks.notNull(request, "request"), null, options).run(ResponseOutput.Chat.INSTANCE);
  }

  public CompletableFuture<ChatResponse> routeAsync(ChatRequest request, RequestOptions options) {
    Call call = newCall(Exchange.Door.ROUTE_ASYNC, Checks.notNull(request, "request"), null, options);
    FutureOutput out = new FutureOutput(call);
    CompletableFuture<ChatResponse> future = out.future();
    try {
      executor.execute(() -> {
        try {
          call.run(out);
        } catch (Throwable t) {
          future.completeExceptionally(t); // an Error: the output could not complete it
        }
      });
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(new GatewayException(ErrorKind.UNAVAILABLE, "the gateway is closed", true, e));
    }
    return future;
  }

  public ChatStream routeStream(ChatRequest request, RequestOptions options) {
    Call call = newCall(Exchange.Door.STREAM, Checks.notNull(request, "request"), null, options);
    return new GatewayChatStream(call, this);
  }

  public EmbeddingResponse embed(EmbeddingRequest request, RequestOptions options) {
    return newCall(Exchange.Door.EMBED, null, Checks.notNull(request, "request"), options).run(ResponseOutput.Embed.INSTANCE);
  }

  private Call newCall(Exchange.Door door, @Nullable ChatRequest chat, @Nullable EmbeddingRequest embedding,
      RequestOptions options) {
    Checks.notNull(options, "options");
    if (closed) {
      throw new GatewayException(ErrorKind.UNAVAILABLE, "the gateway is closed", true, null);
    }
    Snapshot snap = snapshot.get();
    long now = ticker.read();
    Duration timeout = options.timeout() != null ? options.timeout() : snap.requestTimeout;
    String id = options.requestId() != null ? options.requestId() : idPrefix + ids.incrementAndGet();
    CoreExchange ex = new CoreExchange(id, door, chat, embedding, options, ticker, now + timeout.toNanos(), hooks);
    return new Call(this, snap, ex, now, timeout, options.timeout() != null);
  }

  /** The observer of a new call: {@link CallObserver#NOOP}, allocation-free, when nothing listens. */
  CallObserver observe(CoreExchange ex) {
    return GuardedObserver.start(listener, ex.door(), ex, listenerFailures);
  }

  // ---------------------------------------------------------------- in-flight tracking

  void enter(Call call) {
    inFlight.add(call);
    if (closed) {
      // close() may already have cancelled what it saw; this call must not slip past it
      call.signal.cancel(CLOSED);
    }
  }

  void exit(Call call) {
    inFlight.remove(call);
    if (closed) {
      closeLock.lock();
      try {
        drained.signalAll();
      } finally {
        closeLock.unlock();
      }
    }
  }

  public int inFlight() {
    return inFlight.size();
  }

  void pluginFailure() {
    pluginFailures.incrementAndGet();
  }

  public long pluginFailures() {
    return pluginFailures.get();
  }

  /** How often a {@link CallListener} or its observer threw (each time the call went on). */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  // ---------------------------------------------------------------- accessors

  public Snapshot snapshot() {
    return snapshot.get();
  }

  /**
   * Swaps the configuration: calls already running keep the snapshot they started with; new calls
   * see {@code next}. The providers only the old snapshot used are closed with the engine, since
   * a running call may still be on them.
   *
   * @return the replaced snapshot
   */
  public Snapshot swap(Snapshot next, List<Provider> retired) {
    this.retired.addAll(retired);
    Snapshot old = snapshot.getAndSet(next);
    telemetry.targetsChanged(next.targetNames());
    return old;
  }

  public Ticker ticker() {
    return ticker;
  }

  public Clock clock() {
    return clock;
  }

  ExecutorService executor() {
    return executor;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Nullable Sleeper sleeper() {
    return sleeper;
  }

  PriceTable prices() {
    // the snapshot's, so a reload's prices reach cost routing too; the engine's own for snapshots made without
    Snapshot snap = snapshot.get();
    return snap.prices == PriceTable.NONE ? prices : snap.prices;
  }

  AttemptExecutor attempts() {
    return attempts;
  }

  public HookDispatcher hooks() {
    return hooks;
  }

  public boolean isClosed() {
    return closed;
  }

  boolean logPrompts() {
    return logPrompts;
  }

  public HealthReport health() {
    return health.report();
  }

  // ---------------------------------------------------------------- close

  /**
   * Stops accepting calls, waits up to the grace period for in-flight calls, cancels the rest,
   * drains hooks, closes providers and stops the threads the engine owns.
   */
  public void close() {
    closeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      awaitDrained(closeGrace);
    } finally {
      closeLock.unlock();
    }
    for (Call c : inFlight) {
      c.signal.cancel(CLOSED);
    }
    closeLock.lock();
    try {
      awaitDrained(closeGrace);
    } finally {
      closeLock.unlock();
    }
    if (!inFlight.isEmpty()) {
      LOG.warn("{} calls still running after close; their providers ignored cancellation", inFlight.size());
    }
    health.stopProbes();
    hooks.close(closeGrace);
    List<Provider> toClose = new java.util.ArrayList<>(snapshot.get().providers.values());
    toClose.addAll(retired);
    for (Provider p : toClose) {
      try {
        p.close();
      } catch (RuntimeException e) {
        LOG.warn("closing provider {} failed", p.name(), e);
      }
    }
    if (ownsExecutor) {
      shutdown(executor);
    }
    if (ownsScheduler) {
      shutdown(scheduler);
    }
  }

  private void awaitDrained(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    while (!inFlight.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        drained.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void shutdown(ExecutorService service) {
    service.shutdown();
    try {
      if (!service.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        service.shutdownNow();
      }
    } catch (InterruptedException e) {
      service.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- threads

  /** Virtual threads on Java 21+ (looked up once, at build time), else a cached pool of daemons. */
  private static ExecutorService defaultExecutor() {
    try {
      Object vt = MethodHandles.publicLookup()
          .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
          .invoke();
      return (ExecutorService) vt;
    } catch (Throwable notOnThisJdk) {
      return Executors.newCachedThreadPool(daemons("aegis-call-"));
    }
  }

  /**
   * The gateway's own scheduler. Every call arms its deadline on it (and every stream attempt its
   * watchdog), and the delay queue wakes its thread whenever a new task becomes the queue's head:
   * with calls finishing before their deadlines, the queue is often empty, so about every other
   * {@code route()} paid a futex wake and a context switch of the scheduler thread. A do-nothing
   * task repeated every {@value #KEEPER_MILLIS} ms keeps the head near, so a deadline or
   * watchdog further out than that is queued without waking anyone; the thread wakes once per
   * period instead.
   */
  private static ScheduledExecutorService defaultScheduler() {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, daemons("aegis-scheduler-"));
    s.setRemoveOnCancelPolicy(true);
    s.scheduleWithFixedDelay(Engine::keepQueueHeadNear, KEEPER_MILLIS, KEEPER_MILLIS, TimeUnit.MILLISECONDS);
    return s;
  }

  private static void keepQueueHeadNear() {
    // nothing to do: being queued is this task's job
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
