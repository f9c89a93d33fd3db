package dev.aegis.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.StreamException;
import dev.aegis.providers.bedrock.internal.BedrockStreamDecoder;
import dev.aegis.providers.contract.HttpFaultContract;
import dev.aegis.providers.ollama.internal.OllamaCodec;
import dev.aegis.providers.openai.internal.ChatCompletionsCodec;
import dev.aegis.providers.openai.internal.ChatCompletionsResponseEncoder;
import dev.aegis.providers.openai.internal.Quirks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Every stream framing the adapters read (SSE for the Chat Completions family, NDJSON for Ollama,
 * AWS event-stream for Bedrock), as properties over generated streams: a valid stream read in any
 * split of network reads decodes to exactly the chunks it decodes to in one read, and a stream
 * cut at any byte either ends in a typed error (the transport's {@link BodyFault}, a
 * {@link ProviderException} or {@link StreamException}, each naming what was wrong) or, when the
 * cut falls after the provider's end signal, decodes to the chunks sent before it.
 */
class StreamFramingPropertiesTest {
  private static final String PROVIDER = "p";

  /** One framing: how a stream of texts is written, and how it is read back. */
  enum Framing {
    SSE, NDJSON, EVENT_STREAM;

    /** The stream's bytes and, for each event, the offset just after it. */
    Encoded encode(List<String> texts, boolean crlf) {
      List<byte[]> events = new ArrayList<>();
      String nl = crlf ? "\r\n" : "\n";
      switch (this) {
        case SSE: {
          events.add(sse(ChatCompletionsResponseEncoder.chunk(ChatChunk.builder("c1", "m").role(Role.ASSISTANT).build(),
              "c1", "m", 1), nl));
          for (String t : texts) {
            events.add((":" + " keep-alive" + nl).getBytes(StandardCharsets.UTF_8));
            events.add(sse(ChatCompletionsResponseEncoder.chunk(ChatChunk.builder("c1", "m").text(t).build(), "c1", "m", 1),
                nl));
          }
          events.add(sse(ChatCompletionsResponseEncoder.chunk(ChatChunk.builder("c1", "m")
              .finishReason(FinishReason.STOP).build(), "c1", "m", 1), nl));
          events.add(sse(ChatCompletionsResponseEncoder.usageChunk(Usage.of(3, texts.size()), "c1", "m", 1), nl));
          events.add(("data: [DONE]" + nl + nl).getBytes(StandardCharsets.UTF_8));
          return new Encoded(events, events.size() - 3);
        }
        case NDJSON: {
          for (String t : texts) {
            ObjectNode line = Json.object().put("model", "m").put("created_at", "2026-12-01T00:00:00Z");
            line.putObject("message").put("role", "assistant").put("content", t);
            events.add(line(line.put("done", false), nl));
          }
          ObjectNode last = Json.object().put("model", "m").put("created_at", "2026-12-01T00:00:00Z");
          last.putObject("message").put("role", "assistant").put("content", "");
          last.put("done", true).put("done_reason", "stop").put("prompt_eval_count", 3).put("eval_count", texts.size());
          events.add(line(last, nl));
          return new Encoded(events, events.size() - 1);
        }
        default: {
          events.add(HttpFaultContract.eventFrame("messageStart", json(Json.object().put("role", "assistant"))));
          for (String t : texts) {
            ObjectNode delta = Json.object().put("contentBlockIndex", 0);
            delta.putObject("delta").put("text", t);
            events.add(HttpFaultContract.eventFrame("contentBlockDelta", json(delta)));
          }
          events.add(HttpFaultContract.eventFrame("contentBlockStop", json(Json.object().put("contentBlockIndex", 0))));
          events.add(HttpFaultContract.eventFrame("messageStop", json(Json.object().put("stopReason", "end_turn"))));
          ObjectNode metadata = Json.object();
          metadata.putObject("usage").put("inputTokens", 3).put("outputTokens", texts.size())
              .put("totalTokens", 3 + texts.size());
          events.add(HttpFaultContract.eventFrame("metadata", json(metadata)));
          return new Encoded(events, events.size() - 2);
        }
      }
    }

    List<ChatChunk> decode(BufferedSource body) throws IOException {
      List<ChatChunk> out = new ArrayList<>();
      switch (this) {
        case SSE:
          new ChatCompletionsCodec(Quirks.OPENAI).decodeStream(body, PROVIDER, 200, null, out::add);
          break;
        case NDJSON:
          new OllamaCodec().decodeStream(body, PROVIDER, 200, null, out::add);
          break;
        default:
          new BedrockStreamDecoder(PROVIDER, "id", "m").decode(body, out::add);
      }
      return out;
    }
  }

  /** A stream's bytes; {@code endSignal} is the index of the event that carries the provider's end. */
  record Encoded(List<byte[]> events, int endSignal) {
    byte[] bytes() {
      Buffer b = new Buffer();
      events.forEach(b::write);
      return b.readByteArray();
    }

    /** The offset at which the end signal is complete. */
    int endOffset(Framing framing) {
      int n = 0;
      for (int i = 0; i <= endSignal; i++) n += events.get(i).length;
      // SSE and NDJSON take a final event or line without its terminator at the end of the body
      return framing == Framing.EVENT_STREAM ? n : n - terminator(events.get(endSignal));
    }

    private static int terminator(byte[] event) {
      int t = 0;
      for (int i = event.length - 1; i >= 0 && (event[i] == '\n' || event[i] == '\r'); i--) t++;
      return t;
    }
  }

  @Provide
  Arbitrary<List<String>> texts() {
    Arbitrary<Integer> cp = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(0x0a, 0x0d, 0x22, 0x5c, 0x3a, 0)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(0xe9, 0x4e2d, 0x1f600, 0x10ffff, 0x2028)));
    return cp.list().ofMinSize(1).ofMaxSize(12).map(cps -> {
      StringBuilder s = new StringBuilder();
      cps.forEach(s::appendCodePoint);
      return s.toString();
    }).list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 150)
  void anySplitOfAValidStreamDecodesAsTheWholeDoes(@ForAll Framing framing, @ForAll("texts") List<String> texts,
      @ForAll boolean crlf, @ForAll("splits") List<Integer> splits) throws IOException {
    byte[] bytes = framing.encode(texts, crlf).bytes();

    List<ChatChunk> whole = framing.decode(new Buffer().write(bytes));
    List<ChatChunk> split = framing.decode(Okio.buffer(new Trickle(bytes, splits)));

    assertThat(split).isEqualTo(whole);
    StringBuilder text = new StringBuilder();
    whole.forEach(c -> text.append(c.text()));
    assertThat(text.toString()).isEqualTo(String.join("", texts));
    assertThat(whole.get(whole.size() - 1).usage()).isEqualTo(Usage.of(3, texts.size()));
  }

  @Property(tries = 200)
  void aStreamCutAnywhereEndsInATypedErrorOrAfterItsEndSignal(@ForAll Framing framing,
      @ForAll("texts") List<String> texts, @ForAll boolean crlf, @ForAll("fractions") double at) throws IOException {
    Encoded encoded = framing.encode(texts, crlf);
    byte[] bytes = encoded.bytes();
    int cut = (int) (at * (bytes.length - 1));
    List<ChatChunk> whole = framing.decode(new Buffer().write(bytes));

    List<ChatChunk> got = new ArrayList<>();
    @Nullable RuntimeException failure = null;
    try {
      got = framing.decode(new Buffer().write(Arrays.copyOf(bytes, cut)));
    } catch (BodyFault | GatewayException e) {
      failure = e;
    }

    if (cut < encoded.endOffset(framing)) {
      assertThat(failure).as("cut at %d of %d, before the end signal at %d", cut, bytes.length,
          encoded.endOffset(framing)).isNotNull();
      assertThat(typedReason(failure)).isIn(ProviderErrorCode.INVALID_RESPONSE, ProviderErrorCode.RESPONSE_TRUNCATED);
    } else if (failure == null) {
      assertThat(whole).startsWith(got.toArray(ChatChunk[]::new));
      assertThat(got.stream().anyMatch(c -> c.finishReason() != null)).isTrue();
    } else {
      // cut inside an event after the end signal: the body ended mid-event, a truncation
      assertThat(typedReason(failure)).isIn(ProviderErrorCode.INVALID_RESPONSE, ProviderErrorCode.RESPONSE_TRUNCATED);
    }
  }

  /** Which typed error a failure is: a body fault's reason, a truncation, or a stream that ended early. */
  private static ProviderErrorCode typedReason(RuntimeException failure) {
    if (failure instanceof BodyFault) return ((BodyFault) failure).reason();
    if (failure instanceof ProviderException) return ((ProviderException) failure).reason();
    if (failure instanceof StreamException && failure.getMessage().endsWith("ended before messageStop")) {
      return ProviderErrorCode.RESPONSE_TRUNCATED;
    }
    throw new AssertionError("not a typed stream error", failure);
  }

  @Provide
  Arbitrary<List<Integer>> splits() {
    return Arbitraries.integers().between(1, 17).list().ofMinSize(1).ofMaxSize(40);
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }

  private static byte[] sse(byte[] data, String nl) {
    return concat(("data: ").getBytes(StandardCharsets.UTF_8), data, (nl + nl).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] line(ObjectNode line, String nl) {
    return concat(Json.bytes(line), nl.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] json(ObjectNode node) {
    return Json.bytes(node);
  }

  private static byte[] concat(byte[]... parts) {
    Buffer b = new Buffer();
    for (byte[] p : parts) b.write(p);
    return b.readByteArray();
  }

  /** A body that arrives in reads of the given sizes (cycled), as a network delivers it. */
  private static final class Trickle implements Source {
    private final Buffer rest;
    private final List<Integer> sizes;
    private int next;

    Trickle(byte[] bytes, List<Integer> sizes) {
      this.rest = new Buffer().write(bytes);
      this.sizes = sizes;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      if (rest.size() == 0) return -1;
      long n = Math.min(byteCount, Math.min(rest.size(), sizes.get(next++ % sizes.size())));
      sink.write(rest, n);
      return n;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void close() {}
  }
}
