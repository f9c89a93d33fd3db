package dev.aegis.providers.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.providers.internal.StreamEnds;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.ErrorReasons;
import dev.aegis.providers.internal.SseReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an Anthropic Messages SSE stream into normalized chunks, on the calling thread:
 * {@code message_start} (id, model, input usage), {@code content_block_start/delta/stop} (text,
 * tool use with {@code input_json_delta} fragments, thinking with {@code signature_delta}),
 * {@code message_delta} (stop reason and cumulative usage: emitted as the final chunk),
 * {@code message_stop} (the end), {@code ping} (ignored).
 *
 * <p>An {@code error} event ends the stream with a {@link StreamException} whose cause is the
 * classified {@link ProviderException} (so {@code overloaded_error} is retryable,
 * {@code invalid_request_error} is not). A body that ends before {@code message_stop} is the
 * retryable {@code incomplete_stream} of {@code StreamEnds}; a second {@code message_start} after
 * content was delivered is a retryable {@link StreamException}.
 *
 * <p>Entry point for benchmarks: {@link #decode(BufferedSource, ChunkSink)}.
 *
 * <p>Not thread-safe: one decoder per response.
 */
public final class AnthropicStreamDecoder {
  private final String provider;
  private String id = "";
  private String model = "";
  private @Nullable Usage usage;
  private boolean content;
  private int toolCount;
  private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();

  public AnthropicStreamDecoder(String provider) {
    this.provider = provider;
  }

  /** Reads the whole stream, emitting chunks; returns after {@code message_stop}. */
  public void decode(BufferedSource body, ChunkSink sink) throws IOException {
    decode(new SseReader(body), sink);
  }

  /** As {@link #decode(BufferedSource, ChunkSink)} over a reader with its own event limit. */
  public void decode(SseReader sse, ChunkSink sink) throws IOException {
    for (JsonNode event; (event = sse.nextJson()) != null; ) {
      if (onEvent(event, sink)) return;
    }
    throw StreamEnds.incomplete(provider, 200, null, "the stream ended before message_stop");
  }

  /** Handles one event; true at the end of the message. */
  boolean onEvent(JsonNode event, ChunkSink sink) {
    String type = event.path("type").asText();
    switch (type) {
      case "message_start": {
        if (content) {
          throw new StreamException(provider, "the stream from " + provider
              + " restarted with a new message after content was delivered", true, null);
        }
        JsonNode msg = event.path("message");
        id = msg.path("id").asText(id);
        model = msg.path("model").asText(model);
        usage = AnthropicCodec.usage(msg.get("usage"), null);
        toolIndexByBlock.clear();
        toolCount = 0;
        sink.emit(chunk().role(Role.ASSISTANT).build());
        return false;
      }
      case "content_block_start": {
        JsonNode block = event.path("content_block");
        int index = event.path("index").asInt();
        switch (block.path("type").asText()) {
          case "tool_use":
          case "server_tool_use": {
            int tool = toolCount++;
            toolIndexByBlock.put(index, tool);
            JsonNode input = block.get("input");
            String initial = input != null && input.isObject() && !input.isEmpty() ? Json.text(input) : "";
            emit(sink, chunk().addToolCall(new ToolCallDelta(tool, block.path("id").asText(),
                block.path("name").asText(), initial)));
            break;
          }
          case "text": {
            String text = block.path("text").asText();
            if (!text.isEmpty()) emit(sink, chunk().text(text));
            break;
          }
          case "thinking": {
            String thinking = block.path("thinking").asText();
            if (!thinking.isEmpty()) emit(sink, chunk().reasoning(thinking));
            break;
          }
          case "redacted_thinking":
            emit(sink, chunk().reasoningRedacted(block.path("data").asText()));
            break;
          default:
            break; // server tool results have no normalized stream form
        }
        return false;
      }
      case "content_block_delta": {
        JsonNode delta = event.path("delta");
        switch (delta.path("type").asText()) {
          case "text_delta":
            emit(sink, chunk().text(delta.path("text").asText()));
            break;
          case "input_json_delta": {
            String fragment = delta.path("partial_json").asText();
            Integer tool = toolIndexByBlock.get(event.path("index").asInt());
            if (!fragment.isEmpty() && tool != null) {
              emit(sink, chunk().addToolCall(new ToolCallDelta(tool, null, null, fragment)));
            }
            break;
          }
          case "thinking_delta":
            emit(sink, chunk().reasoning(delta.path("thinking").asText()));
            break;
          case "signature_delta":
            emit(sink, chunk().reasoningSignature(delta.path("signature").asText()));
            break;
          default:
            break;
        }
        return false;
      }
      case "message_delta": {
        JsonNode delta = event.path("delta");
        usage = AnthropicCodec.usage(event.get("usage"), usage);
        String stop = Json.text(delta, "stop_reason");
        FinishReason finish = AnthropicCodec.finishReason(stop);
        ChatChunk.Builder c = chunk().finishReason(finish).usage(usage);
        if ("refusal".equals(stop)) c.refusal(AnthropicCodec.refusalExplanation(delta.get("stop_details")));
        emit(sink, c);
        return false;
      }
      case "message_stop":
        return true;
      case "error": {
        JsonNode err = event.path("error");
        String errorType = Json.text(err, "type");
        String message = err.path("message").asText("stream error");
        ProviderException cause = ProviderException.of(ErrorReasons.classify(new ProviderError(provider,
            AnthropicCodec.statusOf(errorType), errorType, null, null, message, null,
            Json.text(event, "request_id"))));
        throw new StreamException(provider, "the stream from " + provider + " failed: "
            + (errorType == null ? "" : errorType + ": ") + message, cause.retryable(), cause);
      }
      default:
        return false; // ping and future event types
    }
  }

  private ChatChunk.Builder chunk() {
    return ChatChunk.builder(id, model);
  }

  private void emit(ChunkSink sink, ChatChunk.Builder c) {
    ChatChunk chunk = c.build();
    content |= chunk.hasContent();
    sink.emit(chunk);
  }
}
