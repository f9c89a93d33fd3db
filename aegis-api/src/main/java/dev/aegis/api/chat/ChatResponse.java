package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chat answer in the normalized (OpenAI chat completions) format, with the gateway's
 * {@link ResponseMetadata}.
 *
 * <pre>{@code
 * ChatResponse r = gateway.route(request);
 * System.out.println(r.text() + " via " + r.metadata().target() + ", " + r.usage().totalTokens() + " tokens");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ChatResponse {
  private final String id;
  private final String model;
  private final long created;
  private final List<Choice> choices;
  private final Usage usage;
  private final @Nullable String systemFingerprint;
  private final ResponseMetadata metadata;
  private final Map<String, @Nullable Object> extras;

  private ChatResponse(Builder b) {
    id = Checks.notNull(b.id, "id");
    model = Checks.notNull(b.model, "model");
    created = b.created;
    choices = Checks.copyOf(b.choices, "choices");
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("a response needs at least one choice");
    }
    usage = Checks.notNull(b.usage, "usage");
    systemFingerprint = b.systemFingerprint;
    metadata = Checks.notNull(b.metadata, "metadata");
    extras = Checks.copyOf(b.extras, "extras", true);
  }

  /** A copy sharing this response's (immutable) parts, with other metadata. */
  private ChatResponse(ChatResponse r, ResponseMetadata metadata) {
    id = r.id;
    model = r.model;
    created = r.created;
    choices = r.choices;
    usage = r.usage;
    systemFingerprint = r.systemFingerprint;
    this.metadata = Checks.notNull(metadata, "metadata");
    extras = r.extras;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A copy with other metadata; cheaper than {@code toBuilder().metadata(m).build()}, since the
   * choices and extras are shared rather than copied.
   */
  public ChatResponse withMetadata(ResponseMetadata metadata) {
    return new ChatResponse(this, metadata);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The provider's response id (or one the gateway made up when the provider gives none). */
  public String id() {
    return id;
  }

  /** The model that answered, as the provider reported it. */
  public String model() {
    return model;
  }

  /** Creation time in epoch seconds. */
  public long created() {
    return created;
  }

  /** The choices, never empty. */
  public List<Choice> choices() {
    return choices;
  }

  /** The first choice. */
  public Choice firstChoice() {
    return choices.get(0);
  }

  /** The first choice's message. */
  public Message message() {
    return choices.get(0).message();
  }

  /** The first choice's text (empty when it only calls tools or refuses). */
  public String text() {
    return choices.get(0).message().text();
  }

  /** The first choice's finish reason, or {@code null}. */
  public @Nullable FinishReason finishReason() {
    return choices.get(0).finishReason();
  }

  public Usage usage() {
    return usage;
  }

  public @Nullable String systemFingerprint() {
    return systemFingerprint;
  }

  public ResponseMetadata metadata() {
    return metadata;
  }

  /** Provider fields this type does not model (JSON-compatible values), never null. */
  public Map<String, @Nullable Object> extras() {
    return extras;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ChatResponse)) return false;
    ChatResponse r = (ChatResponse) o;
    return created == r.created && id.equals(r.id) && model.equals(r.model)
        && choices.equals(r.choices) && usage.equals(r.usage)
        && Objects.equals(systemFingerprint, r.systemFingerprint)
        && metadata.equals(r.metadata) && extras.equals(r.extras);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, model, created, choices, usage, systemFingerprint, metadata, extras);
  }

  @Override
  public String toString() {
    return "ChatResponse{id=" + id + ", model=" + model + ", choices=" + choices.size()
        + ", finishReason=" + finishReason() + ", usage=" + usage + ", metadata=" + metadata + '}';
  }

  /** Builds a {@link ChatResponse}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String model;
    private long created;
    private final List<Choice> choices = new ArrayList<>(1);
    private Usage usage = Usage.ZERO;
    private @Nullable String systemFingerprint;
    private ResponseMetadata metadata = ResponseMetadata.EMPTY;
    private final Map<String, @Nullable Object> extras = new LinkedHashMap<>(0);

    private Builder() {}

    private Builder(ChatResponse r) {
      id = r.id;
      model = r.model;
      created = r.created;
      choices.addAll(r.choices);
      usage = r.usage;
      systemFingerprint = r.systemFingerprint;
      metadata = r.metadata;
      extras.putAll(r.extras);
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder created(long created) {
      this.created = created;
      return this;
    }

    public Builder addChoice(Choice choice) {
      choices.add(Checks.notNull(choice, "choice"));
      return this;
    }

    public Builder choices(List<Choice> choices) {
      this.choices.clear();
      for (Choice c : Checks.notNull(choices, "choices")) {
        addChoice(c);
      }
      return this;
    }

    public Builder usage(Usage usage) {
      this.usage = Checks.notNull(usage, "usage");
      return this;
    }

    public Builder systemFingerprint(@Nullable String systemFingerprint) {
      this.systemFingerprint = systemFingerprint;
      return this;
    }

    public Builder metadata(ResponseMetadata metadata) {
      this.metadata = Checks.notNull(metadata, "metadata");
      return this;
    }

    public Builder extra(String name, @Nullable Object value) {
      extras.put(Checks.notNull(name, "extra name"), value);
      return this;
    }

    public Builder extras(Map<String, ?> extras) {
      this.extras.clear();
      Checks.notNull(extras, "extras").forEach(this::extra);
      return this;
    }

    public ChatResponse build() {
      return new ChatResponse(this);
    }
  }
}
