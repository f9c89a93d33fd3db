package dev.aegis.guardrails;

import dev.aegis.api.Attempt;
import dev.aegis.api.CacheControl;
import dev.aegis.api.Principal;
import dev.aegis.api.Ticker;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.plugin.Attributes;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Labels;
import dev.aegis.api.plugin.RequestDecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A hand-made {@link Exchange} that plays the gateway's part: applies REPLACE decisions, records events. */
final class FakeExchange implements Exchange {
  private final Door door;
  private @Nullable ChatRequest request;
  private @Nullable EmbeddingRequest embeddingRequest;
  private final Map<String, String> metadata;
  private final Labels labels = new Labels();
  private final Attributes attributes = new Attributes();
  final Map<String, Object> responseAttributes = new HashMap<>();
  final List<GatewayEvent> events = new ArrayList<>();
  private @Nullable Principal principal;

  private FakeExchange(Door door, @Nullable ChatRequest request, @Nullable EmbeddingRequest embeddingRequest,
      Map<String, String> metadata) {
    this.door = door;
    this.request = request;
    this.embeddingRequest = embeddingRequest;
    this.metadata = Map.copyOf(metadata);
  }

  static FakeExchange chat(Door door, ChatRequest request) {
    return new FakeExchange(door, request, null, Map.of());
  }

  static FakeExchange chat(Door door, ChatRequest request, Map<String, String> metadata) {
    return new FakeExchange(door, request, null, metadata);
  }

  static FakeExchange user(String text) {
    return user(text, Map.of());
  }

  static FakeExchange user(String text, Map<String, String> metadata) {
    return chat(Door.ROUTE, ChatRequest.builder().model("m").addMessage(Message.user(text)).build(), metadata);
  }

  static FakeExchange embedding(EmbeddingRequest request) {
    return new FakeExchange(Door.EMBED, null, request, Map.of());
  }

  /** Runs the plugin's onRequest and applies its decision as the gateway would. */
  RequestDecision runRequest(dev.aegis.api.plugin.Plugin plugin) {
    RequestDecision d = plugin.onRequest(this);
    if (d instanceof RequestDecision.ReplaceChat) {
      request = ((RequestDecision.ReplaceChat) d).request();
    } else if (d instanceof RequestDecision.ReplaceEmbedding) {
      embeddingRequest = ((RequestDecision.ReplaceEmbedding) d).request();
    }
    return d;
  }

  static ChatResponse answer(String text) {
    return ChatResponse.builder().id("r1").model("m")
        .addChoice(Choice.of(0, Message.assistant(text), FinishReason.STOP)).build();
  }

  @Override
  public String requestId() {
    return "req-1";
  }

  @Override
  public Door door() {
    return door;
  }

  @Override
  public ChatRequest request() {
    if (request == null) {
      throw new IllegalStateException("embedding request");
    }
    return request;
  }

  @Override
  public EmbeddingRequest embeddingRequest() {
    if (embeddingRequest == null) {
      throw new IllegalStateException("chat request");
    }
    return embeddingRequest;
  }

  @Override
  public @Nullable String requestedModel() {
    return "m";
  }

  @Override
  public @Nullable String credential() {
    return null;
  }

  @Override
  public @Nullable Principal principal() {
    return principal;
  }

  @Override
  public void principal(Principal principal) {
    this.principal = principal;
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public Labels labels() {
    return labels;
  }

  @Override
  public Attributes attributes() {
    return attributes;
  }

  @Override
  public CacheControl cacheControl() {
    return CacheControl.DEFAULT;
  }

  @Override
  public Ticker ticker() {
    return () -> 0L;
  }

  @Override
  public long deadlineNanos() {
    return Long.MAX_VALUE;
  }

  @Override
  public List<Attempt> attempts() {
    return List.of();
  }

  @Override
  public void responseAttribute(String name, Object value) {
    responseAttributes.put(name, value);
  }

  @Override
  public void publish(GatewayEvent event) {
    events.add(event);
  }
}
