package dev.aegis.api.embedding;

import dev.aegis.api.internal.Checks;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One embedding vector.
 *
 * <p>Immutable and thread-safe: the vector is copied in and {@link #vector()} returns a copy; use
 * {@link #get(int)} and {@link #dimensions()} to read without copying.
 */
public final class Embedding {
  private final int index;
  private final float[] vector;

  private Embedding(int index, float[] vector) {
    this.index = Checks.nonNegative(index, "index");
    this.vector = Checks.notNull(vector, "vector").clone();
  }

  /** The embedding of input {@code index}; the vector is copied. */
  public static Embedding of(int index, float[] vector) {
    return new Embedding(index, vector);
  }

  /** The position of the input this embeds. */
  public int index() {
    return index;
  }

  /** A copy of the vector. */
  public float[] vector() {
    return vector.clone();
  }

  public int dimensions() {
    return vector.length;
  }

  public float get(int i) {
    return vector[i];
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Embedding && ((Embedding) o).index == index
        && Arrays.equals(((Embedding) o).vector, vector);
  }

  @Override
  public int hashCode() {
    return 31 * index + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "Embedding{index=" + index + ", dimensions=" + vector.length + '}';
  }
}
