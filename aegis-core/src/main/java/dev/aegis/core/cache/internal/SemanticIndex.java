package dev.aegis.core.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * The semantic cache's bounded in-memory index: per bucket (tenant, alias, labels, parameters
 * and the exact hash of the conversation before the last user turn) the embeddings of the last
 * user turns answered, each pointing at its exact-cache entry. At most {@code buckets} buckets of
 * at most {@code perBucket} vectors; the least recently used bucket goes first.
 *
 * <p>Thread-safe.
 */
public final class SemanticIndex {
  private final Cache<String, Bucket> buckets;
  private final int perBucket;

  public SemanticIndex(int buckets, int perBucket) {
    this.buckets = Caffeine.newBuilder().maximumSize(buckets).executor(Runnable::run).build();
    this.perBucket = perBucket;
  }

  /** A match: the exact-cache digest of the entry and its cosine similarity. */
  public record Match(String digest, double similarity) {}

  /** The most similar entry of the bucket at or above {@code threshold}, or {@code null}. */
  public @Nullable Match nearest(String bucket, float[] vector, double threshold) {
    Bucket b = buckets.getIfPresent(bucket);
    return b == null ? null : b.nearest(normalized(vector), threshold);
  }

  /** Adds (or refreshes) the entry's vector. */
  public void add(String bucket, float[] vector, String digest) {
    buckets.get(bucket, k -> new Bucket(perBucket)).add(normalized(vector), digest);
  }

  private static float[] normalized(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double norm = Math.sqrt(sum);
    if (norm == 0 || Math.abs(norm - 1) < 1e-6) {
      return v;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }

  private static final class Bucket {
    private final int capacity;
    private final Deque<Vec> vectors = new ArrayDeque<>();

    Bucket(int capacity) {
      this.capacity = capacity;
    }

    synchronized @Nullable Match nearest(float[] v, double threshold) {
      Vec best = null;
      double bestSim = -2;
      for (Vec e : vectors) {
        if (e.vector.length != v.length) {
          continue;
        }
        double dot = 0;
        for (int i = 0; i < v.length; i++) {
          dot += (double) v[i] * e.vector[i];
        }
        if (dot > bestSim) {
          bestSim = dot;
          best = e;
        }
      }
      return best != null && bestSim >= threshold ? new Match(best.digest, bestSim) : null;
    }

    synchronized void add(float[] v, String digest) {
      vectors.removeIf(e -> e.digest.equals(digest));
      if (vectors.size() == capacity) {
        vectors.removeFirst();
      }
      vectors.addLast(new Vec(v, digest));
    }
  }

  private record Vec(float[] vector, String digest) {}
}
