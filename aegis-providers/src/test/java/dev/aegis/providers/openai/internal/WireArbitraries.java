package dev.aegis.providers.openai.internal;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.ResponseFormat;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.TokenLogprob;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.api.chat.Usage;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of the requests and answers the OpenAI wire format can carry: every field the
 * codec encodes, with text drawn from all of Unicode (JSON's escapes, control characters, astral
 * code points) but never a lone surrogate, which no UTF-8 wire can hold.
 */
final class WireArbitraries {
  private WireArbitraries() {}

  /** Any text: JSON's special characters, controls, Latin, CJK, emoji. */
  static Arbitrary<String> text() {
    Arbitrary<Integer> special = Arbitraries.of((int) '"', (int) '\\', (int) '/', 0, (int) '\n', (int) '\r', (int) '\t',
        0x1f, 0x7f, 0x2028, 0xfeff, 0x1f600);
    Arbitrary<Integer> any = Arbitraries.integers().between(0, 0x10ffff).filter(cp -> cp < 0xd800 || cp > 0xdfff);
    Arbitrary<Integer> ascii = Arbitraries.integers().between(0x20, 0x7e);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, ascii), net.jqwik.api.Tuple.of(2, special), net.jqwik.api.Tuple.of(2, any))
        .list().ofMaxSize(24)
        .map(cps -> {
          StringBuilder s = new StringBuilder();
          cps.forEach(s::appendCodePoint);
          return s.toString();
        });
  }

  static Arbitrary<String> nonEmptyText() {
    return text().filter(s -> !s.isEmpty());
  }

  /** Identifiers: tool names, ids, models. */
  static Arbitrary<String> name() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_', '-')
        .ofMinLength(1).ofMaxLength(16);
  }

  /** A compact JSON object text, as Jackson writes it (so a re-serialized tree is the same text). */
  static Arbitrary<String> jsonObject() {
    return Combinators.combine(name(), text(), Arbitraries.integers().between(-1000, 1000))
        .as((key, value, number) -> "{\"" + key + "\":{\"type\":\"string\",\"description\":"
            + dev.aegis.providers.internal.Json.text(dev.aegis.providers.internal.Json.NODES.textNode(value))
            + ",\"n\":" + number + "}}");
  }

  static Arbitrary<ToolCall> toolCall() {
    return Combinators.combine(name(), name(), jsonObject()).as(ToolCall::of);
  }

  static Arbitrary<Message> requestMessage() {
    Arbitrary<Message> system = nonEmptyText().map(Message::system);
    Arbitrary<Message> developer = nonEmptyText().map(Message::developer);
    Arbitrary<ContentPart> part = Arbitraries.oneOf(
        nonEmptyText().map(ContentPart::text),
        Combinators.combine(name(), Arbitraries.of("low", "high", "auto").injectNull(0.5))
            .as((n, detail) -> new ContentPart.Image("https://example.com/" + n + ".png", detail)));
    Arbitrary<Message> user = Combinators.combine(part.list().ofMinSize(1).ofMaxSize(3), name().injectNull(0.7))
        .as((parts, n) -> {
          if (parts.size() == 1 && !(parts.get(0) instanceof ContentPart.Text)) {
            parts = List.of(parts.get(0), ContentPart.text("and this"));
          }
          return Message.builder(Role.USER).content(parts).name(n).build();
        });
    Arbitrary<Message> assistant = Combinators.combine(nonEmptyText().injectNull(0.3),
            toolCall().list().ofMaxSize(3), nonEmptyText().injectNull(0.8))
        .as((t, calls, refusal) -> {
          Message.Builder b = Message.builder(Role.ASSISTANT).toolCalls(calls).refusal(refusal);
          if (t != null || calls.isEmpty()) b.addText(t == null ? "ok" : t);
          return b.build();
        });
    Arbitrary<Message> tool = Combinators.combine(name(), text()).as(Message::tool);
    return Arbitraries.oneOf(system, developer, user, assistant, tool);
  }

  static Arbitrary<Tool> tool() {
    return Combinators.combine(name(), nonEmptyText().injectNull(0.3), jsonObject(), Arbitraries.of(true, false).injectNull(0.5))
        .as((n, d, p, strict) -> Tool.builder(n).description(d).parameters(p).strict(strict).build());
  }

  static Arbitrary<ToolChoice> toolChoice() {
    return Arbitraries.oneOf(Arbitraries.of(ToolChoice.AUTO, ToolChoice.NONE, ToolChoice.REQUIRED),
        name().map(ToolChoice::function));
  }

  static Arbitrary<ResponseFormat> responseFormat() {
    return Arbitraries.oneOf(Arbitraries.of(ResponseFormat.TEXT, ResponseFormat.JSON_OBJECT),
        Combinators.combine(name(), jsonObject(), Arbitraries.of(true, false).injectNull(0.5))
            .as(ResponseFormat::jsonSchema));
  }

  private static Arbitrary<Double> unit(double max) {
    return Arbitraries.doubles().between(0, max).ofScale(3);
  }

  /** A request with every field the Chat Completions body carries, each present or absent. */
  static Arbitrary<ChatRequest> request() {
    Arbitrary<ChatRequest.Builder> base = Combinators.combine(name(), requestMessage().list().ofMinSize(1).ofMaxSize(6),
            unit(2).injectNull(0.3), unit(1).injectNull(0.3), Arbitraries.integers().between(1, 1 << 20).injectNull(0.3),
            nonEmptyText().list().ofMaxSize(4), Arbitraries.integers().between(1, 8).injectNull(0.5),
            Arbitraries.longs().injectNull(0.3))
        .as((model, messages, temperature, topP, maxTokens, stop, n, seed) -> ChatRequest.builder().model(model)
            .messages(messages).temperature(temperature).topP(topP).maxTokens(maxTokens).stop(stop).n(n).seed(seed));
    return Combinators.combine(base, Arbitraries.doubles().between(-2, 2).ofScale(2).injectNull(0.5),
            Arbitraries.doubles().between(-2, 2).ofScale(2).injectNull(0.5),
            Arbitraries.of(true, false).injectNull(0.5), Arbitraries.integers().between(0, 20).injectNull(0.5),
            text().injectNull(0.5), tool().list().ofMaxSize(4), toolChoice().injectNull(0.5))
        .as((b, presence, frequency, logprobs, topLogprobs, user, tools, choice) -> b.presencePenalty(presence)
            .frequencyPenalty(frequency).logprobs(logprobs).topLogprobs(topLogprobs).user(user).tools(tools)
            .toolChoice(choice))
        .flatMap(b -> Combinators.combine(Arbitraries.of(true, false).injectNull(0.5), responseFormat().injectNull(0.5),
                Arbitraries.of("low", "medium", "high").injectNull(0.5),
                Arbitraries.maps(name().map(k -> "x_" + k), text()).ofMaxSize(2))
            .as((parallel, format, effort, extras) -> b.parallelToolCalls(parallel).responseFormat(format)
                .reasoningEffort(effort).extras(Map.copyOf(extras)).build()));
  }

  static Arbitrary<TokenLogprob> logprob() {
    Arbitrary<Double> lp = Arbitraries.doubles().between(-30, 0).ofScale(4);
    Arbitrary<TokenLogprob> alt = Combinators.combine(text(), lp).as((t, p) -> new TokenLogprob(t, p, List.of()));
    return Combinators.combine(text(), lp, alt.list().ofMaxSize(3)).as(TokenLogprob::new);
  }

  static Arbitrary<Message> answer() {
    return Combinators.combine(nonEmptyText().injectNull(0.2), toolCall().list().ofMaxSize(3),
            nonEmptyText().injectNull(0.8), nonEmptyText().injectNull(0.6))
        .as((t, calls, refusal, reasoning) -> {
          Message.Builder b = Message.builder(Role.ASSISTANT).toolCalls(calls).refusal(refusal);
          if (t != null) b.addText(t);
          if (reasoning != null) b.addReasoning(Reasoning.of(reasoning));
          return b.build();
        });
  }

  static Arbitrary<Usage> usage() {
    return Arbitraries.integers().between(0, 1 << 20).list().ofSize(4).map(n -> {
      int in = n.get(0);
      int out = n.get(1);
      return Usage.builder().inputTokens(in).outputTokens(out).cacheReadTokens(in == 0 ? 0 : n.get(2) % (in + 1))
          .reasoningTokens(out == 0 ? 0 : n.get(3) % (out + 1)).build();
    });
  }

  /** A whole answer as the endpoint writes it: 1–3 choices, usage, logprobs, fingerprint. */
  static Arbitrary<ChatResponse> response() {
    Arbitrary<Choice> choice = Combinators.combine(answer(), Arbitraries.of(FinishReason.class).injectNull(0.2),
            logprob().list().ofMaxSize(3))
        .as((m, f, lp) -> new Choice(0, m, f, lp, Map.of()));
    return Combinators.combine(name(), name(), Arbitraries.longs().between(1, 4_000_000_000L),
            choice.list().ofMinSize(1).ofMaxSize(3), usage(), name().injectNull(0.5))
        .as((id, model, created, choices, usage, fingerprint) -> {
          ChatResponse.Builder b = ChatResponse.builder().id("chatcmpl-" + id).model(model).created(created)
              .usage(usage).systemFingerprint(fingerprint);
          for (int i = 0; i < choices.size(); i++) {
            Choice c = choices.get(i);
            b.addChoice(new Choice(i, c.message(), c.finishReason(), c.logprobs(), Map.of()));
          }
          return b.build();
        });
  }
}
