package dev.aegis.core.internal;

import dev.aegis.api.Attempt;
import dev.aegis.api.CacheControl;
import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.Ticker;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.internal.Checks;
import dev.aegis.api.plugin.Attributes;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Labels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;

/** The {@link Exchange} of one request. Thread-safe where the contract says so. */
final class CoreExchange implements Exchange {
  private final String requestId;
  private final Door door;
  private final RequestOptions options;
  private final Ticker ticker;
  private final HookDispatcher hooks;
  private final @Nullable String requestedModel;
  private volatile @Nullable ChatRequest chat;
  private volatile @Nullable EmbeddingRequest embedding;
  private volatile @Nullable Principal principal;
  private volatile long deadline;
  private @Nullable Labels labels;
  private @Nullable Attributes attributes;
  private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>(2));
  /** The latest immutable copy of {@link #attempts}, {@code null} after a change. Guarded by {@code attempts}. */
  private @Nullable List<Attempt> attemptsCopy;
  private @Nullable Map<String, Object> responseAttributes;
  /** Attempts started so far; a field updater, so a call allocates no counter object. */
  private volatile int attemptsStarted;
  private static final AtomicIntegerFieldUpdater<CoreExchange> ATTEMPT_NUMBERS =
      AtomicIntegerFieldUpdater.newUpdater(CoreExchange.class, "attemptsStarted");
  private volatile CallObserver observer = CallObserver.NOOP;
  private volatile java.math.@Nullable BigDecimal responseCost;
  private volatile @Nullable CacheResult cacheResult;
  private volatile @Nullable CancelSignal signal;

  CoreExchange(String requestId, Door door, @Nullable ChatRequest chat, @Nullable EmbeddingRequest embedding,
      RequestOptions options, Ticker ticker, long deadline, HookDispatcher hooks) {
    this.requestId = requestId;
    this.door = door;
    this.chat = chat;
    this.embedding = embedding;
    this.options = options;
    this.ticker = ticker;
    this.deadline = deadline;
    this.hooks = hooks;
    this.principal = options.principal();
    this.requestedModel = chat != null ? chat.model() : embedding == null ? null : embedding.model();
  }

  @Override public String requestId() { return requestId; }
  @Override public Door door() { return door; }

  @Override
  public ChatRequest request() {
    ChatRequest r = chat;
    if (r == null) {
      throw new IllegalStateException("an embedding request has no chat request");
    }
    return r;
  }

  void request(ChatRequest replacement) {
    if (chat == null) {
      throw new IllegalStateException("an embedding request cannot be replaced by a chat request");
    }
    chat = replacement;
  }

  @Override
  public EmbeddingRequest embeddingRequest() {
    EmbeddingRequest r = embedding;
    if (r == null) {
      throw new IllegalStateException("a chat request has no embedding request");
    }
    return r;
  }

  void embeddingRequest(EmbeddingRequest replacement) {
    if (embedding == null) {
      throw new IllegalStateException("a chat request cannot be replaced by an embedding request");
    }
    embedding = replacement;
  }

  /** The model the current request asks for (a plugin may have replaced the request). */
  @Nullable String currentModel() {
    ChatRequest c = chat;
    if (c != null) {
      return c.model();
    }
    EmbeddingRequest e = embedding;
    return e == null ? null : e.model();
  }

  @Override public @Nullable String requestedModel() { return requestedModel; }
  @Override public @Nullable String credential() { return options.credential(); }
  @Override public @Nullable Principal principal() { return principal; }

  @Override
  public void principal(Principal principal) {
    this.principal = Checks.notNull(principal, "principal");
  }

  @Override public Map<String, String> metadata() { return options.metadata(); }

  @Override
  public synchronized Labels labels() {
    if (labels == null) {
      labels = new Labels();
    }
    return labels;
  }

  /** The labels without creating them: {@code null} when no plugin wrote any. */
  synchronized @Nullable Labels labelsIfAny() {
    return labels;
  }

  @Override
  public synchronized Attributes attributes() {
    if (attributes == null) {
      attributes = new Attributes();
    }
    return attributes;
  }

  @Override public CacheControl cacheControl() { return options.cacheControl(); }
  @Override public Ticker ticker() { return ticker; }
  @Override public long deadlineNanos() { return deadline; }

  @Override
  public List<Attempt> attempts() {
    synchronized (attempts) {
      // metadata, outcome and plugins all ask at the end of a call: one copy per change
      List<Attempt> copy = attemptsCopy;
      if (copy == null) {
        copy = List.copyOf(attempts);
        attemptsCopy = copy;
      }
      return copy;
    }
  }

  void addAttempt(Attempt attempt) {
    synchronized (attempts) {
      attempts.add(attempt);
      attemptsCopy = null;
    }
  }

  int attemptCount() {
    return attempts.size();
  }

  /** The number of a new attempt, counting from 1 across the call; unique even when hedges race. */
  int nextAttemptNumber() {
    return ATTEMPT_NUMBERS.incrementAndGet(this);
  }

  /** The target of the latest attempt, or {@code null} before the first. */
  @Nullable String lastAttemptTarget() {
    synchronized (attempts) {
      return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).target();
    }
  }

  @Override
  public synchronized void responseAttribute(String name, Object value) {
    if (responseAttributes == null) {
      responseAttributes = new LinkedHashMap<>(4);
    }
    responseAttributes.put(Checks.notNull(name, "name"), Checks.notNull(value, "value"));
  }

  @Override
  public void responseCost(java.math.BigDecimal cost) {
    this.responseCost = Checks.notNull(cost, "cost");
  }

  java.math.@Nullable BigDecimal responseCost() {
    return responseCost;
  }

  synchronized Map<String, Object> responseAttributes() {
    return responseAttributes == null ? Map.of() : new LinkedHashMap<>(responseAttributes);
  }

  /** Events published for this call also go to its observer (span events, meters). */
  void observer(CallObserver observer) {
    this.observer = observer;
  }

  @Override
  public @Nullable CacheResult cacheResult() {
    return cacheResult;
  }

  @Override
  public void cacheResult(CacheResult result) {
    this.cacheResult = Checks.notNull(result, "result");
  }

  /** The request's cancellation signal, set once by its call. */
  void signal(CancelSignal signal) {
    this.signal = signal;
  }

  @Override
  public boolean isCancelled() {
    CancelSignal s = signal;
    return s != null && s.isCancelled();
  }

  @Override
  public void onCancel(Runnable action) {
    CancelSignal s = signal;
    if (s != null) {
      s.onCancel(Checks.notNull(action, "action"));
    }
  }

  @Override
  public void publish(GatewayEvent event) {
    Checks.notNull(event, "event");
    observer.event(event);
    Principal p = principal;
    hooks.publish(event, p == null ? null : p.tenant());
  }

  @Override
  public String toString() {
    return "Exchange{" + requestId + ", " + door + ", model=" + requestedModel + '}';
  }
}
