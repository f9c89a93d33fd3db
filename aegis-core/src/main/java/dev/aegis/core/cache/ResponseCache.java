package dev.aegis.core.cache;

import dev.aegis.api.AiGateway;
import dev.aegis.api.CacheControl;
import dev.aegis.api.Principal;
import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.cache.CacheStore;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.StreamTransformer;
import dev.aegis.core.cache.internal.CacheAnswers;
import dev.aegis.core.cache.internal.CacheCodec;
import dev.aegis.core.cache.internal.CacheState;
import dev.aegis.core.cache.internal.Coalescer;
import dev.aegis.core.cache.internal.GuardedStore;
import dev.aegis.core.cache.internal.RequestKey;
import dev.aegis.core.cache.internal.SemanticCache;
import dev.aegis.core.cache.internal.SemanticIndex;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The response cache, a built-in plugin on the public plugin contract. It runs after
 * authentication, limits, input guardrails and masking and before the output guardrails, so that
 * on the way back the order is output scan → cache store → unmask; {@code Gateway.Builder.cache}
 * puts it there:
 *
 * <pre>{@code
 * GuardrailPlugin guardrails = GuardrailPlugin.defaults();
 * ResponseCache cache = ResponseCache.builder()
 *     .store(InMemoryCacheStore.builder().maximumBytes(64L << 20).build())
 *     .ttl(Duration.ofHours(1))
 *     .build();
 * Gateway gateway = Gateway.builder()
 *     .cache(cache)          // placed after governance and the user's plugins, before routing
 *     .plugin(guardrails)    // split: input half before the cache, output half after it
 *     ...
 * }</pre>
 *
 * By hand, without {@code cache(...)}, the same order is
 * {@code .plugin(guardrails.inputStage()).plugin(cache).plugin(guardrails.outputStage())}.
 *
 * <ul>
 *   <li><b>Key</b>: SHA-256 over the tenant, the alias, the labels, every message, tool, sampling
 *       and format parameter and the extra provider parameters; see the key rules in
 *       {@code RequestKey}. Two tenants never share an entry.</li>
 *   <li><b>Policy</b>: {@link CachePolicy#deterministic()} by default (temperature 0 or a seed);
 *       per call, {@link CacheControl} skips the lookup, the store, limits the age, or forces a
 *       refresh.</li>
 *   <li><b>Stored</b>: the answer as the cache sees it on its way back (scanned, still masked),
 *       committed in {@code onComplete} only when the request succeeded: a blocked, failed or
 *       cancelled request stores nothing. A streamed answer keeps its chunk boundaries.</li>
 *   <li><b>Hit</b>: answered in {@code onRequest}; the answer passes back through the earlier
 *       plugins' response stages (unmasking with this request's own mask map). A streamed
 *       request is replayed as a stream, in the original chunks or in pieces of
 *       {@link Builder#replayChunkChars}. {@link Exchange#cacheResult()}, the response metadata
 *       and {@code StreamStart} say HIT (with the age), MISS or BYPASS.</li>
 *   <li><b>Coalescing</b> (off by default): identical cacheable requests in flight share one
 *       upstream call; streamed waiters receive the leader's chunks live, from the start.</li>
 *   <li><b>Semantic</b> (off by default): the last user turn is embedded through the gateway's
 *       own embedding path, for the same principal, and compared with earlier ones of the same
 *       tenant, alias, labels, parameters and preceding conversation (its exact hash) whose
 *       numbers, negation and names are the same ({@code GuardTerms}); the best match at or above
 *       the threshold answers, its similarity in {@link CacheResult#similarity()}.</li>
 * </ul>
 *
 * <p>A failing store is a miss (lookup) or not stored (store) and is counted in
 * {@link #storeFailures()}; it never fails a request. Embedding requests are not cached.
 *
 * <p>Immutable configuration; thread-safe: one instance serves all requests. The key, codec,
 * answers, coalescing and the semantic index live in {@code dev.aegis.core.cache.internal}.
 */
public final class ResponseCache implements Plugin {
  private final GuardedStore store;
  private final CachePolicy policy;
  private final Duration ttl;
  private final int compressAbove;
  private final Clock clock;
  private final CacheAnswers answers;
  private final @Nullable Coalescer coalescer;
  private final @Nullable SemanticCache semantic;

  private ResponseCache(Builder b, CacheStore store) {
    this.store = new GuardedStore(store);
    this.policy = b.policy;
    this.ttl = b.ttl;
    this.compressAbove = b.compressAbove;
    this.clock = b.clock;
    this.answers = new CacheAnswers(this.store, b.clock, b.replayChunkChars);
    this.coalescer = b.coalescing ? new Coalescer(answers) : null;
    this.semantic = b.embeddingAlias == null ? null
        : new SemanticCache(b.embeddingAlias, b.threshold, b.gateway, b.semanticBuckets, b.semanticPerBucket);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "cache";
  }

  /** Lookups and stores that failed in the store (counted, never failing a request). */
  public long storeFailures() {
    return store.failures();
  }

  /** Embedding calls of the semantic cache that failed (each a miss). */
  public long semanticFailures() {
    return semantic == null ? 0 : semantic.failures();
  }

  /** The coalesced flights in progress (0 without coalescing). */
  public int flightsInProgress() {
    return coalescer == null ? 0 : coalescer.flights();
  }

  /** The requests waiting for an identical one in flight (0 without coalescing). */
  public int coalescedWaiters() {
    return coalescer == null ? 0 : coalescer.waiters();
  }

  @Override
  public RequestDecision onRequest(Exchange ex) {
    if (ex.isEmbedding()) {
      return RequestDecision.proceed();
    }
    CacheControl cc = ex.cacheControl();
    ChatRequest request = ex.request();
    if (!cc.mayRead() && !cc.mayWrite() || !policy.cacheable(request)) {
      ex.cacheResult(CacheResult.BYPASS);
      return RequestDecision.proceed();
    }
    String tenant = tenant(ex.principal());
    String alias = request.model();
    Map<String, String> labels = ex.labels().asMap();
    CacheKey key = new CacheKey(tenant, RequestKey.exact(tenant, alias, labels, request));
    CacheState state = new CacheState(key, cc);
    ex.attributes().put(CacheState.KEY, state);
    if (cc.forceRefresh()) {
      answers.remove(key);
    }
    if (cc.forceRefresh() || !cc.mayRead()) {
      ex.cacheResult(CacheResult.BYPASS);
      return RequestDecision.proceed();
    }
    RequestDecision hit = answers.lookup(ex, state, key, null);
    if (hit == null && semantic != null) {
      SemanticIndex.Match m = semantic.probe(ex, state, tenant, alias, labels, request);
      if (m != null && !m.digest().equals(key.digest())) {
        hit = answers.lookup(ex, state, new CacheKey(tenant, m.digest()), m.similarity());
      }
    }
    if (hit != null) {
      return hit;
    }
    ex.cacheResult(CacheResult.MISS);
    return coalescer != null ? coalescer.join(ex, state, key) : RequestDecision.proceed();
  }

  @Override
  public ResponseDecision onResponse(Exchange ex, ChatResponse response) {
    CacheState state = ex.attributes().get(CacheState.KEY);
    if (state != null && !state.isHit()) {
      state.response(response); // scanned by the later plugins, not yet unmasked by the earlier ones
    }
    return ResponseDecision.keep();
  }

  @Override
  public @Nullable StreamTransformer onStream(Exchange ex) {
    CacheState state = ex.attributes().get(CacheState.KEY);
    return state == null || state.isHit() ? null : state.recorder();
  }

  /** Stores the answer of a request that succeeded; ends its coalesced flight either way. */
  @Override
  public void onComplete(Exchange ex, Outcome outcome) {
    CacheState state = ex.attributes().get(CacheState.KEY);
    if (state == null || state.isHit()) {
      return;
    }
    CacheCodec.Entry entry = null;
    if (outcome.isSuccess()) {
      List<ChatChunk> chunks = state.answerChunks(0);
      if (chunks != null) {
        entry = new CacheCodec.Entry(chunks, clock.millis(), state.streamed());
        if (state.control().mayWrite() && store.put(state.key(), CacheCodec.encode(entry, compressAbove), ttl)
            && semantic != null) {
          semantic.add(state);
        }
      }
    }
    Coalescer.ended(state, entry, outcome);
  }

  private static String tenant(@Nullable Principal p) {
    String t = p == null ? null : p.tenant();
    return t == null ? "" : t;
  }

  @Override
  public String toString() {
    return "ResponseCache[ttl=" + ttl + (coalescer != null ? ", coalescing" : "")
        + (semantic != null ? ", semantic" : "") + ']';
  }

  /**
   * Builds a {@link ResponseCache}; {@link #build()} reports every invalid setting at once in a
   * {@link ConfigException}. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable CacheStore store;
    private CachePolicy policy = CachePolicy.deterministic();
    private Duration ttl = Duration.ofHours(1);
    private int compressAbove = 1024;
    private int replayChunkChars;
    private Clock clock = Clock.systemUTC();
    private boolean coalescing;
    private @Nullable String embeddingAlias;
    private double threshold = 0.9;
    private Supplier<? extends AiGateway> gateway = () -> {
      throw new IllegalStateException("no gateway for the semantic cache's embeddings");
    };
    private int semanticBuckets = 10_000;
    private int semanticPerBucket = 64;
    private final List<ConfigException.Problem> problems = new ArrayList<>(0);

    private Builder() {}

    /** Where entries live (default: an {@link InMemoryCacheStore} with its defaults). */
    public Builder store(CacheStore store) {
      if (store == null) {
        problems.add(new ConfigException.Problem("cache.store", "must not be null"));
      }
      this.store = store;
      return this;
    }

    /** Which requests are cached (default {@link CachePolicy#deterministic()}). */
    public Builder policy(CachePolicy policy) {
      if (policy == null) {
        problems.add(new ConfigException.Problem("cache.policy", "must not be null"));
      } else {
        this.policy = policy;
      }
      return this;
    }

    /** How long an entry lives (default 1 hour). */
    public Builder ttl(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        problems.add(new ConfigException.Problem("cache.ttl", "must be a positive duration but was " + ttl));
      } else {
        this.ttl = ttl;
      }
      return this;
    }

    /** Values larger than this many bytes are deflated before they are stored (default 1024). */
    public Builder compressAbove(int bytes) {
      if (bytes < 0) {
        problems.add(new ConfigException.Problem("cache.compressAbove", "must not be negative but was " + bytes));
      } else {
        this.compressAbove = bytes;
      }
      return this;
    }

    /**
     * Replays a cached stream with its text cut into pieces of this many characters; 0 (the
     * default) replays the original chunk boundaries.
     */
    public Builder replayChunkChars(int chars) {
      if (chars < 0) {
        problems.add(new ConfigException.Problem("cache.replayChunkChars", "must not be negative but was " + chars));
      } else {
        this.replayChunkChars = chars;
      }
      return this;
    }

    /** The wall clock that dates entries (their age, across instances sharing a store). */
    public Builder clock(Clock clock) {
      if (clock == null) {
        problems.add(new ConfigException.Problem("cache.clock", "must not be null"));
      } else {
        this.clock = clock;
      }
      return this;
    }

    /** Lets identical cacheable requests in flight at once share one upstream call (default off). */
    public Builder coalescing(boolean on) {
      this.coalescing = on;
      return this;
    }

    /**
     * Turns the semantic cache on: the last user turn is embedded with the embedding alias
     * through {@code gateway} (the gateway this cache is registered on, so residency, limits and
     * budgets apply to the nested call and charge the same principal), and an entry of the same
     * tenant, alias and preceding conversation at least {@code threshold} cosine-similar answers.
     */
    public Builder semantic(String embeddingAlias, double threshold, Supplier<? extends AiGateway> gateway) {
      if (embeddingAlias == null || embeddingAlias.isBlank()) {
        problems.add(new ConfigException.Problem("cache.semantic.embeddingAlias", "must not be blank"));
      }
      if (!(threshold > 0 && threshold <= 1)) {
        problems.add(new ConfigException.Problem("cache.semantic.threshold", "must be in (0, 1] but was " + threshold));
      }
      if (gateway == null) {
        problems.add(new ConfigException.Problem("cache.semantic.gateway", "must not be null"));
      } else {
        this.gateway = gateway;
      }
      this.embeddingAlias = embeddingAlias;
      this.threshold = threshold;
      return this;
    }

    /** Bounds the semantic index: at most {@code buckets} conversations of {@code perBucket} vectors each. */
    public Builder semanticIndexSize(int buckets, int perBucket) {
      if (buckets < 1 || perBucket < 1) {
        problems.add(new ConfigException.Problem("cache.semantic.indexSize",
            "must be positive but was " + buckets + " x " + perBucket));
      } else {
        this.semanticBuckets = buckets;
        this.semanticPerBucket = perBucket;
      }
      return this;
    }

    /**
     * @throws ConfigException listing every invalid setting
     */
    public ResponseCache build() {
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new ResponseCache(this, store != null ? store : InMemoryCacheStore.builder().build());
    }
  }
}
