package dev.aegis.providers.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.providers.internal.BodyFault;
import dev.aegis.providers.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The OpenAI codec in both directions, as properties: what the adapter encodes the endpoint
 * decodes to the same request, what the endpoint encodes the adapter decodes to the same answer,
 * and bytes of any shape are refused with the typed error of each side (the endpoint's
 * {@link InvalidRequestException}, the adapter's {@link IOException}, which the transport reports
 * as an invalid response), never another exception.
 */
class ChatCompletionsCodecPropertiesTest {
  private static final ChatCompletionsCodec CODEC = new ChatCompletionsCodec(Quirks.OPENAI);

  @Provide
  Arbitrary<ChatRequest> requests() {
    return WireArbitraries.request();
  }

  @Provide
  Arbitrary<ChatResponse> responses() {
    return WireArbitraries.response();
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void aRequestTheAdapterEncodesIsTheRequestTheEndpointDecodes(@ForAll("requests") ChatRequest request,
      @ForAll boolean stream) {
    byte[] wire = CODEC.encodeBytes(request, request.model(), Map.of(), stream);

    ChatCompletionsRequestDecoder.InboundChat in = ChatCompletionsRequestDecoder.decodeChat(wire);

    sameRequest(in.request(), request);
    assertThat(in.request()).isEqualTo(request);
    assertThat(in.stream()).isEqualTo(stream);
    assertThat(in.includeUsage()).isEqualTo(stream);
  }

  @Property(tries = 300)
  void anAnswerTheEndpointEncodesIsTheAnswerTheAdapterDecodes(@ForAll("responses") ChatResponse response)
      throws IOException {
    byte[] wire = ChatCompletionsResponseEncoder.response(response, "unused", 1);

    ChatResponse decoded = CODEC.decode(wire, ResponseMetadata.builder());

    sameResponse(decoded, response);
    assertThat(decoded).isEqualTo(response);
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void anyBytesReachingTheEndpointAreARequestOrAnInvalidRequest(@ForAll("hostileBodies") byte[] body) {
    try {
      ChatCompletionsRequestDecoder.decodeChat(body);
    } catch (InvalidRequestException expected) {
      assertThat(expected.getMessage()).doesNotContain("com.fasterxml", "Exception", "[Source:");
    }
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void anyBytesReachingTheAdapterAreAnAnswerOrAParseError(@ForAll("hostileAnswers") byte[] body) {
    try {
      CODEC.decode(body, ResponseMetadata.builder());
    } catch (IOException expected) {
      // the transport reports it as INVALID_RESPONSE, with this as the cause
    } catch (BodyFault expected) {
      assertThat(expected.reason()).isEqualTo(ProviderErrorCode.INVALID_RESPONSE);
      assertThat(expected.getMessage()).startsWith("the answer has an impossible value: ");
    }
  }

  @Provide
  Arbitrary<byte[]> hostileBodies() {
    return hostile(WireArbitraries.request().map(r -> CODEC.encodeBytes(r, r.model(), Map.of(), false)));
  }

  @Provide
  Arbitrary<byte[]> hostileAnswers() {
    return hostile(WireArbitraries.response().map(r -> ChatCompletionsResponseEncoder.response(r, "x", 1)));
  }

  /**
   * Random bytes, and valid bodies damaged three ways: bytes flipped, cut short, or one value
   * anywhere in the tree replaced by a value of another JSON type (which reaches past the parser
   * into every field's type check).
   */
  private static Arbitrary<byte[]> hostile(Arbitrary<byte[]> valid) {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    Arbitrary<byte[]> flipped = valid.flatMap(b -> Arbitraries.integers().between(0, b.length - 1).list().ofMinSize(1)
        .ofMaxSize(4).flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
          byte[] copy = b.clone();
          for (int i = 0; i < positions.size(); i++) copy[positions.get(i)] = values.get(i);
          return copy;
        })));
    Arbitrary<byte[]> cut = valid.flatMap(b -> Arbitraries.integers().between(0, b.length - 1)
        .map(n -> java.util.Arrays.copyOf(b, n)));
    Arbitrary<byte[]> retyped = valid.flatMap(b -> Arbitraries.integers().between(0, 1 << 16)
        .flatMap(pick -> otherValue().map(v -> retype(b, pick, v))));
    return Arbitraries.oneOf(random, flipped, cut, retyped);
  }

  private static Arbitrary<JsonNode> otherValue() {
    return Arbitraries.of(Json.NODES.nullNode(), Json.NODES.numberNode(-1), Json.NODES.numberNode(1e308),
        Json.NODES.numberNode(3.5), Json.NODES.textNode(""), Json.NODES.textNode("x"), Json.NODES.booleanNode(true),
        Json.NODES.arrayNode(), Json.NODES.objectNode(), Json.NODES.arrayNode().add(Json.NODES.objectNode()),
        Json.NODES.numberNode(Long.MAX_VALUE), Json.NODES.numberNode(new java.math.BigInteger("99999999999999999999")));
  }

  /** Replaces the {@code pick}-th value (depth-first, modulo the count) of a JSON body. */
  private static byte[] retype(byte[] body, int pick, JsonNode value) {
    JsonNode root;
    try {
      root = Json.read(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    java.util.List<Runnable> edits = new java.util.ArrayList<>();
    collectEdits(root, value, edits);
    if (!edits.isEmpty()) edits.get(pick % edits.size()).run();
    return Json.bytes(root);
  }

  private static void collectEdits(JsonNode node, JsonNode value, java.util.List<Runnable> edits) {
    if (node instanceof ObjectNode) {
      ObjectNode o = (ObjectNode) node;
      o.fieldNames().forEachRemaining(name -> {
        edits.add(() -> o.set(name, value));
        collectEdits(o.get(name), value, edits);
      });
    } else if (node instanceof ArrayNode) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        int at = i;
        edits.add(() -> a.set(at, value));
        collectEdits(a.get(i), value, edits);
      }
    }
  }

  /** Field by field first, so a failure names the field (the value types' fields are not open to reflection). */
  private static void sameRequest(ChatRequest actual, ChatRequest expected) {
    for (int i = 0; i < Math.min(actual.messages().size(), expected.messages().size()); i++) {
      assertThat(actual.messages().get(i)).as("messages[%d]", i).isEqualTo(expected.messages().get(i));
    }
    assertThat(actual.messages()).as("messages").hasSameSizeAs(expected.messages());
    for (int i = 0; i < Math.min(actual.tools().size(), expected.tools().size()); i++) {
      Tool a = actual.tools().get(i);
      Tool e = expected.tools().get(i);
      assertThat(a.description()).as("tools[%d].description", i).isEqualTo(e.description());
      assertThat(a.parameters()).as("tools[%d].parameters", i).isEqualTo(e.parameters());
      assertThat(a.strict()).as("tools[%d].strict", i).isEqualTo(e.strict());
      assertThat(a).as("tools[%d]", i).isEqualTo(e);
    }
    assertThat(actual.tools()).as("tools").isEqualTo(expected.tools());
    assertThat(actual.seed()).as("seed").isEqualTo(expected.seed());
    assertThat(actual.extras()).as("extras").isEqualTo(expected.extras());
    assertThat(actual.toString()).isEqualTo(expected.toString());
  }

  private static void sameResponse(ChatResponse actual, ChatResponse expected) {
    for (int i = 0; i < Math.min(actual.choices().size(), expected.choices().size()); i++) {
      assertThat(actual.choices().get(i).message()).as("choices[%d].message", i)
          .isEqualTo(expected.choices().get(i).message());
      assertThat(actual.choices().get(i)).as("choices[%d]", i).isEqualTo(expected.choices().get(i));
    }
    assertThat(actual.choices()).as("choices").hasSameSizeAs(expected.choices());
    assertThat(actual.usage()).as("usage").isEqualTo(expected.usage());
    assertThat(actual.extras()).as("extras").isEqualTo(expected.extras());
    assertThat(actual.metadata()).as("metadata").isEqualTo(expected.metadata());
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
