package dev.aegis.jmh;

import dev.aegis.api.provider.ChunkSink;
import dev.aegis.providers.anthropic.internal.AnthropicStreamDecoder;
import dev.aegis.providers.bedrock.internal.BedrockStreamDecoder;
import dev.aegis.providers.gemini.internal.GeminiStreamDecoder;
import dev.aegis.providers.openai.internal.ChatCompletionsCodec;
import dev.aegis.providers.openai.internal.Quirks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding a whole recorded stream, per adapter: from the raw body bytes to normalized chunks
 * (SSE or event-stream framing, JSON parsing, chunk building), microseconds per stream.
 *
 * <p>Streams: {@code openai} = openai-text (302 SSE events), {@code xai} = xai-tool-call through the
 * OpenAI-compatible codec (229 events), {@code anthropic} = anthropic-clear-thinking (21 events),
 * {@code gemini} = google-reasoning, {@code bedrock} = a recorded ConverseStream body (33 binary
 * frames with CRC checks).
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -DskipTests -pl jmh -am package
 * java -jar jmh/target/benchmarks.jar StreamDecodeBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamDecodeBenchmark {

  @Param({"openai", "xai", "anthropic", "gemini", "bedrock"})
  public String stream;

  private byte[] body;
  private ChatCompletionsCodec openai;
  private ChatCompletionsCodec compatible;

  @Setup
  public void setUp() {
    openai = new ChatCompletionsCodec(Quirks.OPENAI);
    compatible = new ChatCompletionsCodec(Quirks.COMPATIBLE);
    switch (stream) {
      case "openai": body = sse("openai-text.chunks.txt", "\n\n", true); break;
      case "xai": body = sse("xai-tool-call.chunks.txt", "\n\n", true); break;
      case "anthropic": body = sse("anthropic-clear-thinking.1.chunks.txt", "\n\n", false); break;
      case "gemini": body = sse("google-reasoning.chunks.txt", "\r\n\r\n", false); break;
      case "bedrock": body = resource("test_bedrock_model_stream.response0.eventstream.bin"); break;
      default: throw new IllegalArgumentException(stream);
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = StreamDecodeBenchmark.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rebuilds an SSE body from a one-payload-per-line recording. */
  static byte[] sse(String name, String separator, boolean done) {
    StringBuilder sb = new StringBuilder();
    for (String line : new String(resource(name), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        sb.append("data: ").append(line).append(separator);
      }
    }
    if (done) {
      sb.append("data: [DONE]").append(separator);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public void decode(Blackhole bh) throws IOException {
    Buffer source = new Buffer().write(body);
    ChunkSink sink = bh::consume;
    switch (stream) {
      case "openai": openai.decodeStream(source, "bench", 200, null, sink); break;
      case "xai": compatible.decodeStream(source, "bench", 200, null, sink); break;
      case "anthropic": new AnthropicStreamDecoder("bench").decode(source, sink); break;
      case "gemini": new GeminiStreamDecoder("bench", "gemini").decode(source, sink); break;
      default: new BedrockStreamDecoder("bench", "id", "nova").decode(source, sink); break;
    }
  }
}
