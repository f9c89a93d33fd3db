package dev.aegis.api.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The gateway-scoped provider context (one of each shared resource, created on first use, closed
 * last-first with the context) and the stand-alone call's public cancel switch.
 */
class ProviderContextTest {

  static final class Pool implements AutoCloseable {
    final String name;
    final List<String> closed;

    Pool(String name, List<String> closed) {
      this.name = name;
      this.closed = closed;
    }

    @Override
    public void close() {
      closed.add(name);
    }
  }

  static final class Failing implements AutoCloseable {
    @Override
    public void close() {
      throw new IllegalArgumentException("boom");
    }
  }

  @Test
  void oneResourcePerTypeCreatedOnFirstUse() {
    AtomicInteger made = new AtomicInteger();
    List<String> closed = new ArrayList<>();
    ProviderContext context = ProviderContext.create();
    assertThat(context.existing(Pool.class)).isNull();
    Pool first = context.shared(Pool.class, () -> new Pool("p" + made.incrementAndGet(), closed));
    Pool second = context.shared(Pool.class, () -> new Pool("p" + made.incrementAndGet(), closed));
    assertThat(second).isSameAs(first);
    assertThat(made.get()).isEqualTo(1);
    assertThat(context.existing(Pool.class)).isSameAs(first);
    context.close();
    assertThat(closed).containsExactly("p1");
  }

  @Test
  void closeReleasesLastCreatedFirstOnceAndDespiteAFailure() {
    List<String> closed = new ArrayList<>();
    ProviderContext context = ProviderContext.create();
    context.shared(Pool.class, () -> new Pool("pool", closed));
    context.shared(Failing.class, Failing::new);
    context.shared(String.class, () -> "not closeable");
    assertThatThrownBy(context::close).isInstanceOf(IllegalStateException.class)
        .hasMessage("closing a shared provider resource failed")
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
    assertThat(closed).containsExactly("pool");
    assertThat(context.isClosed()).isTrue();
    context.close();
    assertThat(closed).as("idempotent").containsExactly("pool");
    assertThatThrownBy(() -> context.shared(Pool.class, () -> new Pool("late", closed)))
        .isInstanceOf(IllegalStateException.class).hasMessage("the provider context is closed");
    assertThat(closed).containsExactly("pool");
  }

  @Test
  void theBuiltCallIsAProviderCallCancelledThroughItsCancellation() throws Exception {
    assertThat(ProviderCall.Builder.class.getMethod("build").getReturnType()).isEqualTo(ProviderCall.class);
    ProviderCall.Cancellation cancel = new ProviderCall.Cancellation();
    ProviderCall call = ProviderCall.builder().model("m").timeout(Duration.ofSeconds(5)).cancellation(cancel).build();
    AtomicInteger ran = new AtomicInteger();
    call.onCancel(ran::incrementAndGet);
    assertThat(call.isCancelled()).isFalse();
    cancel.cancel();
    cancel.cancel();
    assertThat(call.isCancelled()).isTrue();
    assertThat(ran.get()).as("once").isEqualTo(1);
    call.onCancel(ran::incrementAndGet);
    assertThat(ran.get()).as("registered after the cancel: runs at once").isEqualTo(2);
    ProviderCall plain = ProviderCall.builder().model("m").build();
    assertThat(plain.isCancelled()).isFalse();
    assertThat(plain.model()).isEqualTo("m");
  }
}
