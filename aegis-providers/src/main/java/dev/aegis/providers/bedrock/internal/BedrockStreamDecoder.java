package dev.aegis.providers.bedrock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.providers.internal.StreamEnds;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.providers.aws.internal.EventStreamDecoder;
import dev.aegis.providers.aws.internal.EventStreamException;
import dev.aegis.providers.aws.internal.EventStreamMessage;
import dev.aegis.providers.internal.BodyFault;
import dev.aegis.providers.internal.ErrorReasons;
import dev.aegis.providers.internal.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import okio.BufferedSource;

/**
 * Decodes a ConverseStream body ({@code application/vnd.amazon.eventstream}) into normalized
 * chunks on the calling thread: {@code messageStart} (role), {@code contentBlockStart} (tool use:
 * id and name), {@code contentBlockDelta} (text, tool input fragments, reasoning text and
 * signature), {@code messageStop} (finish reason), {@code metadata} (usage, emitted as a usage
 * chunk). It returns once both {@code messageStop} and {@code metadata} arrived (in either order),
 * or when the body ends after {@code messageStop}.
 *
 * <p>Failures: an exception frame is a {@link StreamException} caused by the classified
 * {@link ProviderException} ({@code throttlingException} a retryable 429 rate limit,
 * {@code validationException} a non-retryable 400, {@code modelStreamErrorException} a 424,
 * {@code internalServerException} and {@code serviceUnavailableException} retryable 5xx); a
 * malformed frame ({@link EventStreamException}) is an invalid response, one cut by the end of the
 * body a truncated one, and a body ending before {@code messageStop} the retryable
 * {@code incomplete_stream} of {@code StreamEnds}.
 *
 * <p>Entry points for benchmarks: {@link #decode(BufferedSource, ChunkSink)}, or
 * {@link #onEvent(String, JsonNode, ChunkSink)} for already decoded payloads.
 *
 * <p>Not thread-safe: one decoder per response.
 */
public final class BedrockStreamDecoder {
  private final String provider;
  private final String id;
  private final String model;
  private final Map<Integer, Integer> toolByBlock = new HashMap<>();
  private int tools;
  private boolean stopped;
  private boolean metadata;

  public BedrockStreamDecoder(String provider, String id, String model) {
    this.provider = provider;
    this.id = id;
    this.model = model;
  }

  /** Reads frames until the end of the message. */
  public void decode(BufferedSource body, ChunkSink sink) throws IOException {
    decode(new EventStreamDecoder(body), sink);
  }

  /** As {@link #decode(BufferedSource, ChunkSink)} over a frame decoder with its own frame limit. */
  public void decode(EventStreamDecoder frames, ChunkSink sink) throws IOException {
    byte[] payload = null;
    try {
      for (EventStreamMessage m; (m = frames.next()) != null; ) {
        String messageType = m.messageType();
        if (messageType.equals("event")) {
          payload = m.payload();
          JsonNode event = payload.length == 0 ? Json.object() : Json.read(payload);
          if (onEvent(m.eventType(), event, sink)) return;
        } else {
          throw failure(m, messageType);
        }
      }
    } catch (EventStreamException e) {
      if (e.getCause() instanceof java.io.EOFException) {
        throw new BodyFault(ProviderErrorCode.RESPONSE_TRUNCATED, "the body ended inside a stream event", null, e);
      }
      throw new BodyFault(ProviderErrorCode.INVALID_RESPONSE, "the event stream is malformed: " + e.getMessage(), null, e);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw BodyFault.invalidEvent("a stream event", payload == null ? new byte[0] : payload, e);
    }
    if (!stopped) {
      throw StreamEnds.incomplete(provider, 200, null, "the stream ended before messageStop");
    }
  }

  private StreamException failure(EventStreamMessage m, String messageType) throws EventStreamException {
    String type = m.eventType();
    String message;
    if (messageType.equals("exception")) {
      JsonNode payload = Json.tryRead(m.payloadText());
      message = payload == null ? m.payloadText() : payload.path("message").asText(payload.path("Message").asText(""));
    } else {
      String em = m.string(":error-message");
      message = em == null ? type : em;
    }
    ProviderException cause = ProviderException.of(ErrorReasons.classify(new ProviderError(provider,
        BedrockCodec.statusOf(type), type, null, null, message.isEmpty() ? type : message, null, null)));
    return new StreamException(provider, "the stream from " + provider + " failed: " + type + ": " + message,
        cause.retryable(), cause);
  }

  /** Handles one decoded event; true when the message is complete. */
  public boolean onEvent(String type, JsonNode e, ChunkSink sink) {
    switch (type) {
      case "messageStart":
        sink.emit(chunk().role(Role.ASSISTANT).build());
        return false;
      case "contentBlockStart": {
        JsonNode tool = e.path("start").get("toolUse");
        if (tool != null) {
          int index = tools++;
          toolByBlock.put(e.path("contentBlockIndex").asInt(), index);
          sink.emit(chunk().addToolCall(new ToolCallDelta(index, tool.path("toolUseId").asText(),
              tool.path("name").asText(), "")).build());
        }
        return false;
      }
      case "contentBlockDelta": {
        JsonNode d = e.path("delta");
        if (d.has("text")) {
          String text = d.get("text").asText();
          if (!text.isEmpty()) sink.emit(chunk().text(text).build());
        } else if (d.has("toolUse")) {
          Integer index = toolByBlock.get(e.path("contentBlockIndex").asInt());
          String input = d.get("toolUse").path("input").asText("");
          if (index != null && !input.isEmpty()) {
            sink.emit(chunk().addToolCall(new ToolCallDelta(index, null, null, input)).build());
          }
        } else if (d.has("reasoningContent")) {
          JsonNode rc = d.get("reasoningContent");
          if (rc.has("text")) sink.emit(chunk().reasoning(rc.get("text").asText()).build());
          if (rc.has("signature")) sink.emit(chunk().reasoningSignature(rc.get("signature").asText()).build());
          if (rc.has("redactedContent")) {
            sink.emit(chunk().reasoningRedacted(rc.get("redactedContent").asText()).build());
          }
        }
        return false;
      }
      case "messageStop":
        stopped = true;
        sink.emit(chunk().finishReason(BedrockCodec.finishReason(e.path("stopReason").asText(null))).build());
        return metadata;
      case "metadata":
        metadata = true;
        if (e.has("usage")) sink.emit(chunk().usage(BedrockCodec.usage(e.get("usage"))).build());
        return stopped;
      default:
        return false; // contentBlockStop and future events
    }
  }

  private ChatChunk.Builder chunk() {
    return ChatChunk.builder(id, model);
  }
}
