package dev.aegis.core.cache.internal;

import dev.aegis.api.AiGateway;
import dev.aegis.api.CacheControl;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.plugin.Exchange;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The semantic half of the response cache: embeds a request's last user turn through the
 * gateway's own embedding path (same credential and principal, so residency, limits and budgets
 * apply and charge the same caller; the nested call bypasses the cache) and looks for the most
 * similar earlier question in the same bucket: tenant, alias, labels and parameters, the exact
 * hash of the preceding conversation, and the question's {@link GuardTerms}. A failed embedding
 * is a miss, counted.
 *
 * <p>Thread-safe.
 */
public final class SemanticCache {
  private final String alias;
  private final double threshold;
  private final Supplier<? extends AiGateway> gateway;
  private final SemanticIndex index;
  private final AtomicLong failures = new AtomicLong();

  public SemanticCache(String alias, double threshold, Supplier<? extends AiGateway> gateway, int buckets,
      int perBucket) {
    this.alias = alias;
    this.threshold = threshold;
    this.gateway = gateway;
    this.index = new SemanticIndex(buckets, perBucket);
  }

  /** The best earlier entry at or above the threshold, or {@code null}; remembers bucket and vector in {@code state}. */
  public SemanticIndex.@Nullable Match probe(Exchange ex, CacheState state, String tenant, @Nullable String routeAlias,
      Map<String, String> labels, ChatRequest request) {
    int last = RequestKey.lastUserTurn(request);
    if (last < 0) {
      return null;
    }
    String text = request.messages().get(last).text();
    if (text.isBlank()) {
      return null;
    }
    float[] vector = embed(ex, text);
    if (vector == null) {
      return null;
    }
    // only questions with the same numbers, negation and names are compared by meaning
    String bucket = RequestKey.conversation(tenant, routeAlias, labels, request) + '|' + GuardTerms.of(text);
    state.semantic(bucket, vector);
    return index.nearest(bucket, vector, threshold);
  }

  /** Indexes a stored entry under the bucket and vector its probe found. */
  public void add(CacheState state) {
    String bucket = state.bucket();
    float[] vector = state.vector();
    if (bucket != null && vector != null) {
      index.add(bucket, vector, state.key().digest());
    }
  }

  /** Embedding calls that failed. */
  public long failures() {
    return failures.get();
  }

  private float @Nullable [] embed(Exchange ex, String text) {
    RequestOptions.Builder o = RequestOptions.builder()
        .credential(ex.credential())
        .principal(ex.principal())
        .cacheControl(CacheControl.BYPASS)
        .requestId(ex.requestId() + "-semantic");
    Duration left = ex.remaining();
    if (!left.isNegative() && !left.isZero()) {
      o.timeout(left);
    }
    try {
      EmbeddingResponse r = gateway.get().embed(EmbeddingRequest.builder().model(alias).addInput(text).build(), o.build());
      return r.embeddings().isEmpty() ? null : r.embeddings().get(0).vector();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      return null;
    }
  }
}
