package dev.aegis.core.tck;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.util.Set;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.SkipException;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (1.0.4, {@code java.util.concurrent.Flow} flavour) against the
 * publisher of {@code Gateway.routeStream}, run on the JUnit Platform by the TestNG engine. Every
 * required rule runs over a lazy, unbounded chunk source: the provider emits exactly the number of
 * chunks the TCK asks for (up to {@code Long.MAX_VALUE - 1}), one at a time, each only when the
 * gateway's back-pressure lets it, so no rule is skipped for want of elements.
 *
 * <p>Timeouts are raised for a loaded 2-core machine (signals within 2 s, silence checked for
 * 300 ms, the 3.13 reference check after 1 s); nothing here measures time.
 *
 * <p>Optional rules skipped, each with its reason: 1.5 on an empty stream (a {@code ChatStream}
 * always ends with a finish chunk, and an upstream that sends nothing is an error by contract),
 * and the 1.11 multi-subscriber rules (a {@code ChatStream} is one call: one subscriber).
 */
public class ChatStreamTckTest extends FlowPublisherVerification<ChatChunk> {
  private static final String FAIL = "fail";
  private Gateway gateway;

  public ChatStreamTckTest() {
    super(new TestEnvironment(2_000, 300, 2_000), 1_000);
  }

  @BeforeClass
  public void startGateway() {
    gateway = Gateway.builder().provider(new LazyChunks()).route("tck", Strategy.single(Target.of("lazy"))).build();
  }

  @AfterClass(alwaysRun = true)
  public void closeGateway() {
    gateway.close();
  }

  @Override
  public Flow.Publisher<ChatChunk> createFlowPublisher(long elements) {
    // 1.9's two checks ask for 0 elements but consume none: a stream of one chunk serves them
    return gateway.routeStream(ask(Long.toString(Math.max(1, elements))));
  }

  @Override
  public Flow.Publisher<ChatChunk> createFailedFlowPublisher() {
    return gateway.routeStream(ask(FAIL));
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("tck").addMessage(Message.user(text)).build();
  }

  @Override
  public void optional_spec105_emptyStreamMustTerminateBySignallingOnComplete() {
    throw new SkipException("a ChatStream always ends with its finish chunk; an upstream that sends no chunk is an "
        + "error (ChatStream's contract), so there is no empty stream to complete");
  }

  @Override
  public void optional_spec111_maySupportMultiSubscribe() {
    throw new SkipException(ONE_SUBSCRIBER);
  }

  @Override
  public void optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals() {
    throw new SkipException(ONE_SUBSCRIBER);
  }

  @Override
  public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne() {
    throw new SkipException(ONE_SUBSCRIBER);
  }

  @Override
  public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront() {
    throw new SkipException(ONE_SUBSCRIBER);
  }

  @Override
  public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected() {
    throw new SkipException(ONE_SUBSCRIBER);
  }

  private static final String ONE_SUBSCRIBER = "a ChatStream is one upstream call with one subscriber (a second one "
      + "gets onSubscribe then IllegalStateException, as ChatStream's contract says)";

  /**
   * Emits as many chunks as the request's text says, lazily: each {@code emit} blocks until the
   * subscriber wants the chunk, so an unbounded count costs nothing until it is consumed. The last
   * chunk carries the finish reason, so the stream completes cleanly after exactly that many.
   */
  static final class LazyChunks implements Provider {
    @Override
    public String name() {
      return "lazy";
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of(Capability.CHAT);
    }

    @Override
    public ChatResponse chat(ChatRequest request, ProviderCall call) {
      throw new UnsupportedOperationException("streams only");
    }

    @Override
    public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
      String text = request.messages().get(0).text();
      if (text.equals(FAIL)) {
        throw new ProviderInvalidRequestException(ProviderError.of("lazy", 400, "the TCK's failing publisher"), null);
      }
      long count = Long.parseLong(text);
      for (long i = 1; i <= count; i++) {
        ChatChunk.Builder chunk = ChatChunk.builder("tck", "lazy-1").text("c" + i);
        if (i == count) chunk.finishReason(FinishReason.STOP);
        sink.emit(chunk.build());
      }
    }
  }
}
