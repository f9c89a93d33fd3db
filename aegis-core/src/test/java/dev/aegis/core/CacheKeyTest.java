package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.ResponseFormat;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.core.cache.CachePolicy;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.cache.internal.RequestKey;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact key's sensitivity, field by field. The fields are read from the request's builders
 * and value records by reflection, so a field added to {@code ChatRequest}, {@code Message} or
 * one of their parts without a key rule here (and a line in {@code RequestKey}) fails
 * {@link #everyFieldHasAKeyRule()} with its name.
 */
class CacheKeyTest {
  /** The types whose every field must have a rule; builders by their fields, records by their components. */
  static final List<Class<?>> COVERED = List.of(ChatRequest.Builder.class, Message.Builder.class,
      ContentPart.Text.class, ContentPart.Image.class, ToolCall.class, Tool.class, ToolChoice.class,
      ResponseFormat.class, Reasoning.class);

  record Rule(boolean inKey, UnaryOperator<ChatRequest> change) {}

  static final Map<String, Rule> RULES = new LinkedHashMap<>();

  private static void key(String field, UnaryOperator<ChatRequest> change) {
    RULES.put(field, new Rule(true, change));
  }

  private static void ignored(String field, UnaryOperator<ChatRequest> change) {
    RULES.put(field, new Rule(false, change));
  }

  /** A tool with every field set (its construction is the one place that knows Tool's shape). */
  static Tool tool(String name, String description, String parameters, Boolean strict) {
    return Tool.builder(name).description(description).parameters(parameters).strict(strict).build();
  }

  private static final Tool TOOL = tool("lookup", "Finds a thing", "{\"type\":\"object\"}", true);
  private static final ToolCall CALL = new ToolCall("call_1", "lookup", "{\"q\":\"x\"}");
  private static final Reasoning THOUGHT = new Reasoning("thinking", "sig", null);

  static ChatRequest base() {
    return ChatRequest.builder()
        .model("smart")
        .addMessage(Message.system("Be terse."))
        .addMessage(Message.builder(Role.USER).addText("What is on this?").addPart(new ContentPart.Image("https://x/y.png", "low")).name("ann").build())
        .addMessage(Message.builder(Role.ASSISTANT).addToolCall(CALL).addReasoning(THOUGHT).refusal("no").build())
        .addMessage(Message.tool("call_1", "found it"))
        .addMessage(Message.user("And then?"))
        .temperature(0.0).topP(0.9).topK(40).maxTokens(100).stop(List.of("END")).n(1).seed(7L)
        .presencePenalty(0.1).frequencyPenalty(0.2).logprobs(true).topLogprobs(2).user("end-user-1")
        .addTool(TOOL).toolChoice(ToolChoice.AUTO).parallelToolCalls(true)
        .responseFormat(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}", true))
        .reasoningEffort("low").extra("service_tier", "default")
        .build();
  }

  /** Replaces message {@code i} by {@code f} applied to its builder. */
  private static UnaryOperator<ChatRequest> message(int i, UnaryOperator<Message.Builder> f) {
    return r -> {
      List<Message> ms = new ArrayList<>(r.messages());
      ms.set(i, f.apply(ms.get(i).toBuilder()).build());
      return r.toBuilder().messages(ms).build();
    };
  }

  private static UnaryOperator<ChatRequest> image(ContentPart.Image img) {
    return message(1, b -> b.content(List.of(ContentPart.text("What is on this?"), img)));
  }

  private static UnaryOperator<ChatRequest> toolCall(ToolCall c) {
    return message(2, b -> b.toolCalls(List.of(c)));
  }

  private static UnaryOperator<ChatRequest> tool(Tool t) {
    return r -> r.toBuilder().tools(List.of(t)).build();
  }

  private static UnaryOperator<ChatRequest> reasoning(Reasoning x) {
    return message(2, b -> b.reasoning(List.of(x)));
  }

  static {
    String req = "ChatRequest.Builder.";
    key(req + "model", r -> r.toBuilder().model("fast").build());
    key(req + "messages", r -> r.toBuilder().addMessage(Message.user("more")).build());
    key(req + "temperature", r -> r.toBuilder().temperature(0.5).build());
    key(req + "topP", r -> r.toBuilder().topP(0.8).build());
    key(req + "topK", r -> r.toBuilder().topK(41).build());
    key(req + "maxTokens", r -> r.toBuilder().maxTokens(101).build());
    key(req + "stop", r -> r.toBuilder().stop(List.of("STOP")).build());
    key(req + "n", r -> r.toBuilder().n(2).build());
    key(req + "seed", r -> r.toBuilder().seed(8L).build());
    key(req + "presencePenalty", r -> r.toBuilder().presencePenalty(0.3).build());
    key(req + "frequencyPenalty", r -> r.toBuilder().frequencyPenalty(0.3).build());
    key(req + "logprobs", r -> r.toBuilder().logprobs(false).build());
    key(req + "topLogprobs", r -> r.toBuilder().topLogprobs(3).build());
    ignored(req + "user", r -> r.toBuilder().user("end-user-2").build()); // abuse monitoring only
    key(req + "tools", r -> r.toBuilder().addTool(Tool.function("other", null, "{}")).build());
    key(req + "toolChoice", r -> r.toBuilder().toolChoice(ToolChoice.REQUIRED).build());
    key(req + "parallelToolCalls", r -> r.toBuilder().parallelToolCalls(false).build());
    key(req + "responseFormat", r -> r.toBuilder().responseFormat(ResponseFormat.JSON_OBJECT).build());
    key(req + "reasoningEffort", r -> r.toBuilder().reasoningEffort("high").build());
    key(req + "extras", r -> r.toBuilder().extra("service_tier", "flex").build());

    String msg = "Message.Builder.";
    key(msg + "role", message(0, b -> b.role(Role.DEVELOPER)));
    key(msg + "content", message(4, b -> b.content(List.of(ContentPart.text("And then??")))));
    key(msg + "name", message(1, b -> b.name("bob")));
    key(msg + "toolCalls", message(2, b -> b.addToolCall(new ToolCall("call_2", "lookup", "{}"))));
    key(msg + "toolCallId", message(3, b -> b.toolCallId("call_9")));
    key(msg + "refusal", message(2, b -> b.refusal("never")));
    key(msg + "reasoning", message(2, b -> b.reasoning(List.of())));

    key("Text.text", message(0, b -> b.content(List.of(ContentPart.text("Be verbose.")))));
    key("Image.url", image(new ContentPart.Image("https://x/z.png", "low")));
    key("Image.detail", image(new ContentPart.Image("https://x/y.png", "high")));
    key("ToolCall.id", toolCall(new ToolCall("call_X", "lookup", "{\"q\":\"x\"}")));
    key("ToolCall.name", toolCall(new ToolCall("call_1", "search", "{\"q\":\"x\"}")));
    key("ToolCall.arguments", toolCall(new ToolCall("call_1", "lookup", "{\"q\":\"y\"}")));
    key("Tool.name", tool(tool("find", "Finds a thing", "{\"type\":\"object\"}", true)));
    key("Tool.description", tool(tool("lookup", "Finds two things", "{\"type\":\"object\"}", true)));
    key("Tool.parameters", tool(tool("lookup", "Finds a thing", "{\"type\":\"string\"}", true)));
    ignored("Tool.cacheHint", tool(TOOL.toBuilder().cacheHint(dev.aegis.api.chat.CacheHint.DEFAULT).build()));
    ignored("Text.cacheHint", message(0, b -> b.content(List.of(ContentPart.text("Be terse.").withCacheHint(dev.aegis.api.chat.CacheHint.ONE_HOUR)))));
    ignored("Image.cacheHint", image(new ContentPart.Image("https://x/y.png", "low").withCacheHint(dev.aegis.api.chat.CacheHint.DEFAULT)));
    key("ToolCall.signature", toolCall(new ToolCall("call_1", "lookup", "{\"q\":\"x\"}", "sig-1")));
    key("Tool.strict", tool(tool("lookup", "Finds a thing", "{\"type\":\"object\"}", null)));
    key("ToolChoice.mode", r -> r.toBuilder().toolChoice(ToolChoice.NONE).build());
    key("ToolChoice.function", r -> r.toBuilder().toolChoice(ToolChoice.function("lookup")).build());
    key("ResponseFormat.type", r -> r.toBuilder().responseFormat(ResponseFormat.TEXT).build());
    key("ResponseFormat.name", r -> r.toBuilder().responseFormat(ResponseFormat.jsonSchema("other", "{\"type\":\"object\"}", true)).build());
    key("ResponseFormat.schema", r -> r.toBuilder().responseFormat(ResponseFormat.jsonSchema("answer", "{}", true)).build());
    key("ResponseFormat.strict", r -> r.toBuilder().responseFormat(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}", false)).build());
    key("Reasoning.text", reasoning(new Reasoning("pondering", "sig", null)));
    key("Reasoning.signature", reasoning(new Reasoning("thinking", "sig2", null)));
    key("Reasoning.redacted", reasoning(new Reasoning("thinking", "sig", "opaque")));
  }

  static List<String> declaredFields() {
    List<String> names = new ArrayList<>();
    for (Class<?> c : COVERED) {
      String prefix = (c.getEnclosingClass() != null && !c.isRecord() ? c.getEnclosingClass().getSimpleName() + "." : "")
          + c.getSimpleName() + ".";
      if (c.isRecord()) {
        for (RecordComponent rc : c.getRecordComponents()) {
          names.add(prefix + rc.getName());
        }
      } else {
        for (Field f : c.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
            names.add(prefix + f.getName());
          }
        }
      }
    }
    return names;
  }

  @Test
  void everyFieldHasAKeyRule() {
    for (String field : declaredFields()) {
      assertThat(RULES).as("field %s has no cache-key rule: decide whether it can change the answer, "
          + "encode it in RequestKey (or leave it out on purpose) and add its rule to CacheKeyTest.RULES", field)
          .containsKey(field);
    }
    assertThat(declaredFields()).as("rules for fields that no longer exist").containsAll(RULES.keySet());
  }

  static Stream<String> fields() {
    return RULES.keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void eachFieldChangesTheKeyOrIsIgnoredOnPurpose(String field) {
    Rule rule = RULES.get(field);
    ChatRequest base = base();
    ChatRequest changed = rule.change().apply(base);
    assertThat(changed).as("the change of %s must change the request", field).isNotEqualTo(base);
    String a = RequestKey.exact("acme", "smart", Map.of(), base);
    String b = RequestKey.exact("acme", "smart", Map.of(), changed);
    if (rule.inKey()) {
      assertThat(b).as(field).isNotEqualTo(a);
    } else {
      assertThat(b).as(field).isEqualTo(a);
    }
  }

  /** The same rules through the gateway: a changed field misses, an ignored one hits. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Door.class)
  void onEveryDoorAChangedFieldMissesAndAnIgnoredOneHits(Door door) {
    MockProvider mock = MockProvider.builder("mock").echo().chunks(2).build();
    InMemoryCacheStore store = InMemoryCacheStore.builder().build();
    RequestOptions acme = RequestOptions.builder().principal(Principal.of("ann", "acme")).build();
    try (Gateway g = Gateway.builder().provider(mock).route("smart", Strategy.single(Target.of("mock")))
        .route("fast", Strategy.single(Target.of("mock")))
        .plugin(ResponseCache.builder().store(store).policy(CachePolicy.always()).build()).build()) {
      ChatRequest base = base();
      assertThat(door.call(g, base, acme).metadata().cache()).isEqualTo(CacheResult.MISS);
      assertThat(door.call(g, base, acme).metadata().cacheHit()).isTrue();
      for (Map.Entry<String, Rule> e : RULES.entrySet()) {
        ChatRequest changed = e.getValue().change().apply(base);
        CacheResult result = door.call(g, changed, acme).metadata().cache();
        assertThat(result.status()).as(e.getKey())
            .isEqualTo(e.getValue().inKey() ? dev.aegis.api.cache.CacheStatus.MISS : dev.aegis.api.cache.CacheStatus.HIT);
        store.clear();
        door.call(g, base, acme);
      }
    }
  }

  @Test
  void scopeIsPartOfTheKey() {
    ChatRequest r = base();
    String k = RequestKey.exact("acme", "smart", Map.of("classification", "INTERNAL"), r);
    assertThat(k).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(RequestKey.exact("acme", "smart", Map.of("classification", "INTERNAL"), r)).isEqualTo(k);
    assertThat(RequestKey.exact("globex", "smart", Map.of("classification", "INTERNAL"), r)).isNotEqualTo(k);
    assertThat(RequestKey.exact("acme", "fast", Map.of("classification", "INTERNAL"), r)).isNotEqualTo(k);
    assertThat(RequestKey.exact("acme", "smart", Map.of("classification", "RESTRICTED"), r)).isNotEqualTo(k);
    assertThat(RequestKey.exact("acme", "smart", Map.of(), r)).isNotEqualTo(k);
  }

  @Test
  void extrasAreComparedAsJsonValues() {
    ChatRequest a = ChatRequest.builder().addMessage(Message.user("hi"))
        .extra("a", 1).extra("b", Map.of("x", List.of(1.0, "y"), "z", true)).build();
    ChatRequest b = ChatRequest.builder().addMessage(Message.user("hi"))
        .extra("b", Map.of("z", true, "x", List.of(1L, "y"))).extra("a", 1.0).build();
    ChatRequest c = ChatRequest.builder().addMessage(Message.user("hi"))
        .extra("b", Map.of("z", false, "x", List.of(1L, "y"))).extra("a", 1.0).build();
    assertThat(RequestKey.exact("", null, Map.of(), b)).isEqualTo(RequestKey.exact("", null, Map.of(), a));
    assertThat(RequestKey.exact("", null, Map.of(), c)).isNotEqualTo(RequestKey.exact("", null, Map.of(), a));
  }

  @Test
  void lengthPrefixesKeepNeighbouringFieldsApart() {
    ChatRequest ab = ChatRequest.builder().addMessage(Message.user("ab")).stop(List.of("c")).build();
    ChatRequest a = ChatRequest.builder().addMessage(Message.user("a")).stop(List.of("bc")).build();
    ChatRequest split = ChatRequest.builder().addMessage(Message.builder(Role.USER).addText("a").addText("b").build()).stop(List.of("c")).build();
    assertThat(RequestKey.exact("", null, Map.of(), ab)).isNotEqualTo(RequestKey.exact("", null, Map.of(), a))
        .isNotEqualTo(RequestKey.exact("", null, Map.of(), split));
  }

  @Test
  void theConversationKeyIgnoresOnlyTheLastUserTurn() {
    ChatRequest r = base();
    ChatRequest otherQuestion = message(4, b -> b.content(List.of(ContentPart.text("And after that?")))).apply(r);
    ChatRequest otherHistory = message(1, b -> b.content(List.of(ContentPart.text("What is that?")))).apply(r);
    String k = RequestKey.conversation("acme", "smart", Map.of(), r);
    assertThat(RequestKey.conversation("acme", "smart", Map.of(), otherQuestion)).isEqualTo(k);
    assertThat(RequestKey.conversation("acme", "smart", Map.of(), otherHistory)).isNotEqualTo(k);
    assertThat(RequestKey.conversation("globex", "smart", Map.of(), otherQuestion)).isNotEqualTo(k);
    assertThat(k).isNotEqualTo(RequestKey.exact("acme", "smart", Map.of(), r));
  }
}
