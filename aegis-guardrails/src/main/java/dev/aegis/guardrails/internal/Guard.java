package dev.aegis.guardrails.internal;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.error.GuardrailViolationException;
import dev.aegis.api.event.GuardrailTriggered;
import dev.aegis.api.guardrail.Finding;
import dev.aegis.api.guardrail.Guardrail;
import dev.aegis.api.plugin.Classification;
import dev.aegis.api.plugin.Eligibility;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.StreamTransformer;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.guardrails.Action;
import dev.aegis.guardrails.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind the guardrail plugin: scans request text, answers and streams with the
 * configured rules, applies their actions, classifies requests and decides target eligibility.
 *
 * <p>Immutable and thread-safe; per-request state lives in {@link RequestState}.
 */
public final class Guard {
  /** The response-metadata attribute that carries warnings. */
  public static final String WARNINGS = "guardrails.warnings";

  private final Policy policy;
  /** PII detectors that no input rule runs; scanned only to remember input values. */
  private final List<Guardrail> extraPiiScans;

  public Guard(Policy policy) {
    this.policy = policy;
    Set<Guardrail> ruleDetectors = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Rule r : policy.inputRules()) {
      ruleDetectors.add(r.detector());
      if (r.detector() instanceof CompositeGuardrail) {
        ruleDetectors.addAll(((CompositeGuardrail) r.detector()).parts());
      }
    }
    List<Guardrail> extra = new ArrayList<>();
    if (policy.hallucinatedPii() != null) {
      for (Guardrail g : policy.piiDetectors()) {
        if (!ruleDetectors.contains(g)) {
          extra.add(g);
        }
      }
    }
    this.extraPiiScans = List.copyOf(extra);
  }

  public Policy policy() {
    return policy;
  }

  // ---------------------------------------------------------------- stages

  public RequestDecision onRequest(Exchange exchange) {
    RequestState state = exchange.attributes().computeIfAbsent(RequestState.KEY, RequestState::new);
    Pass pass = new Pass(exchange, state, true);
    try {
      if (exchange.isEmbedding()) {
        return onEmbedding(exchange.embeddingRequest(), pass);
      }
      ChatRequest request = exchange.request();
      checkLimits(request);
      List<Message> messages = new ArrayList<>(request.messages().size());
      boolean changed = false;
      for (Message m : request.messages()) {
        Message guarded = guardMessage(m, pass, false);
        changed |= guarded != m;
        messages.add(guarded);
      }
      List<Tool> tools = new ArrayList<>(request.tools().size());
      for (Tool t : request.tools()) {
        String description = t.description() == null ? null : pass.guard(t.description());
        String parameters = pass.guard(t.parameters());
        if (description != t.description() || parameters != t.parameters()) {
          changed = true;
          tools.add(t.toBuilder().description(description).parameters(parameters).build());
        } else {
          tools.add(t);
        }
      }
      pass.finishInput();
      return changed ? RequestDecision.replace(request.toBuilder().messages(messages).tools(tools).build())
          : RequestDecision.proceed();
    } catch (GuardrailViolationException e) {
      return RequestDecision.reject(e);
    }
  }

  private RequestDecision onEmbedding(EmbeddingRequest request, Pass pass) {
    int chars = 0;
    for (String s : request.inputs()) {
      chars += s.length();
    }
    checkChars(chars);
    List<String> inputs = new ArrayList<>(request.inputs().size());
    boolean changed = false;
    for (String s : request.inputs()) {
      String guarded = pass.guard(s);
      changed |= guarded != s;
      inputs.add(guarded);
    }
    pass.finishInput();
    return changed ? RequestDecision.replace(request.toBuilder().inputs(inputs).build()) : RequestDecision.proceed();
  }

  public Eligibility eligible(Exchange exchange, TargetInfo target) {
    if (exchange.labels().get(Classification.LABEL) == Classification.RESTRICTED && !target.local()) {
      return Eligibility.drop("RESTRICTED data may only go to local targets; '" + target.name() + "' is not local");
    }
    return Eligibility.keep();
  }

  public ResponseDecision onResponse(Exchange exchange, ChatResponse response) {
    return onResponse(exchange, response, true, true);
  }

  /**
   * The output stage: restores masked values when {@code unmask}, applies the output rules and the
   * hallucinated-PII check when {@code scan}. The whole plugin does both in one pass; split in
   * two (around a cache) the scanning half runs first, on the still-masked answer.
   */
  public ResponseDecision onResponse(Exchange exchange, ChatResponse response, boolean unmask, boolean scan) {
    RequestState state = exchange.attributes().computeIfAbsent(RequestState.KEY, RequestState::new);
    boolean doScan = scan && policy.scansOutput();
    boolean doUnmask = unmask && !state.masks().isEmpty();
    if (!doScan && !doUnmask) {
      return ResponseDecision.keep();
    }
    Pass pass = new Pass(exchange, state, false);
    try {
      List<Choice> choices = new ArrayList<>(response.choices().size());
      boolean changed = false;
      for (Choice c : response.choices()) {
        Message guarded = guardOutput(c.message(), pass, doUnmask, doScan);
        changed |= guarded != c.message();
        choices.add(guarded == c.message() ? c : new Choice(c.index(), guarded, c.finishReason(), c.logprobs()));
      }
      pass.report.publish();
      return changed ? ResponseDecision.replace(response.toBuilder().choices(choices).build()) : ResponseDecision.keep();
    } catch (GuardrailViolationException e) {
      return ResponseDecision.reject(e);
    }
  }

  public @Nullable StreamTransformer onStream(Exchange exchange) {
    return onStream(exchange, true, true);
  }

  /** The stream transformer of the output stage; see {@link #onResponse(Exchange, ChatResponse, boolean, boolean)}. */
  public @Nullable StreamTransformer onStream(Exchange exchange, boolean unmask, boolean scan) {
    RequestState state = exchange.attributes().computeIfAbsent(RequestState.KEY, RequestState::new);
    boolean doScan = scan && policy.scansOutput();
    boolean doUnmask = unmask && !state.masks().isEmpty();
    if (!doScan && !doUnmask) {
      return null;
    }
    return new StreamGuard(this, exchange, state, doUnmask, doScan);
  }

  /** Scans one text of the default input rules, for benchmarks and ad-hoc checks. */
  public List<Finding> scan(CharSequence text) {
    ScanText shared = new ScanText(text);
    List<Finding> all = null;
    for (Rule r : policy.inputRules()) {
      List<Finding> found = SharedScan.scan(r.detector(), shared);
      if (found.isEmpty()) {
        continue;
      }
      if (all == null) {
        all = new ArrayList<>(found);
      } else {
        all.addAll(found);
      }
    }
    if (all == null) {
      return List.of();
    }
    all.sort(CompositeGuardrail.BY_START);
    return all;
  }

  // ---------------------------------------------------------------- messages

  /** The message with its text and tool-call arguments guarded (input). */
  private Message guardMessage(Message m, Pass pass, boolean unmask) {
    return unmask ? guardOutput(m, pass, true, true) : guardText(m, pass, false, true);
  }

  /** An answer's message with text, tool-call arguments and refusal unmasked and/or scanned. */
  private Message guardOutput(Message m, Pass pass, boolean unmask, boolean scan) {
    return guardText(m, pass, unmask, scan);
  }

  private String guardOne(String text, Pass pass, boolean unmask, boolean scan) {
    String t = unmask ? Unmasker.unmask(text, pass.state.masks()) : text;
    return scan ? pass.guard(t) : t;
  }

  private Message guardText(Message m, Pass pass, boolean unmask, boolean scan) {
    boolean output = !pass.input;
    List<ContentPart> parts = null;
    for (int i = 0; i < m.content().size(); i++) {
      ContentPart p = m.content().get(i);
      if (!(p instanceof ContentPart.Text)) {
        continue;
      }
      String text = ((ContentPart.Text) p).text();
      String guarded = guardOne(text, pass, unmask, scan);
      if (!guarded.equals(text)) {
        if (parts == null) {
          parts = new ArrayList<>(m.content());
        }
        parts.set(i, ContentPart.text(guarded));
      }
    }
    List<ToolCall> calls = null;
    for (int i = 0; i < m.toolCalls().size(); i++) {
      ToolCall call = m.toolCalls().get(i);
      String args = call.arguments();
      String guarded = guardOne(args, pass, unmask, scan);
      if (!guarded.equals(args)) {
        if (calls == null) {
          calls = new ArrayList<>(m.toolCalls());
        }
        calls.set(i, new ToolCall(call.id(), call.name(), guarded));
      }
    }
    String refusal = m.refusal();
    String guardedRefusal = refusal == null || !output ? refusal : guardOne(refusal, pass, unmask, scan);
    if (parts == null && calls == null && (refusal == null || refusal.equals(guardedRefusal))) {
      return m;
    }
    Message.Builder b = m.toBuilder();
    if (parts != null) {
      b.content(parts);
    }
    if (calls != null) {
      b.toolCalls(calls);
    }
    return b.refusal(guardedRefusal).build();
  }

  // ---------------------------------------------------------------- limits

  private void checkLimits(ChatRequest request) {
    if (policy.maxMessages() > 0 && request.messages().size() > policy.maxMessages()) {
      throw limit("max-messages", "MAX_MESSAGES", "the request has " + request.messages().size()
          + " messages; the limit is " + policy.maxMessages());
    }
    if (policy.maxInputChars() <= 0 && policy.maxInputTokens() <= 0) {
      return;
    }
    int chars = 0;
    for (Message m : request.messages()) {
      chars += m.text().length();
      for (ToolCall c : m.toolCalls()) {
        chars += c.arguments().length();
      }
    }
    int toolTokens = 0;
    for (Tool t : request.tools()) {
      chars += t.parameters().length() + (t.description() == null ? 0 : t.description().length());
      toolTokens += policy.estimator().estimate(t.parameters(), request.model());
      if (t.description() != null) {
        toolTokens += policy.estimator().estimate(t.description(), request.model());
      }
    }
    checkChars(chars);
    if (policy.maxInputTokens() > 0) {
      int tokens = policy.estimator().estimate(request) + toolTokens;
      if (tokens > policy.maxInputTokens()) {
        throw limit("max-input-tokens", "MAX_INPUT_TOKENS", "the request has about " + tokens
            + " input tokens; the limit is " + policy.maxInputTokens());
      }
    }
  }

  private void checkChars(int chars) {
    if (policy.maxInputChars() > 0 && chars > policy.maxInputChars()) {
      throw limit("max-input-chars", "MAX_INPUT_CHARS", "the request has " + chars
          + " input characters; the limit is " + policy.maxInputChars());
    }
  }

  private GuardrailViolationException limit(String rule, String type, String message) {
    return new GuardrailViolationException(policy.plugin(), rule, List.of(type), message);
  }

  // ---------------------------------------------------------------- scanning

  /** Findings of the input rules, in start order; remembers PII values for the output check. */
  List<Hit> inputHits(CharSequence text, RequestState state) {
    List<Hit> hits = List.of();
    ScanText shared = new ScanText(text);
    for (Rule r : policy.inputRules()) {
      for (Finding f : SharedScan.scan(r.detector(), shared)) {
        hits = add(hits, new Hit(r.name(), r.action(), f));
        state.rememberInput(f.type(), text, f.start(), f.end());
      }
    }
    for (Guardrail g : extraPiiScans) {
      for (Finding f : SharedScan.scan(g, shared)) {
        state.rememberInput(f.type(), text, f.start(), f.end());
      }
    }
    return sorted(hits);
  }

  /** Findings of the output rules and hallucinated PII, in start order. */
  List<Hit> outputHits(CharSequence text, RequestState state) {
    List<Hit> hits = List.of();
    ScanText shared = new ScanText(text);
    for (Rule r : policy.outputRules()) {
      for (Finding f : SharedScan.scan(r.detector(), shared)) {
        // a masked value restored in the answer is the caller's own: MASK leaves it alone
        if (r.action() != Action.MASK || !state.seenInInput(f.type(), text, f.start(), f.end())) {
          hits = add(hits, new Hit(r.name(), r.action(), f));
        }
      }
    }
    Action hallucinated = policy.hallucinatedPii();
    if (hallucinated != null) {
      for (Guardrail g : policy.piiDetectors()) {
        for (Finding f : SharedScan.scan(g, shared)) {
          if (!state.seenInInput(f.type(), text, f.start(), f.end())) {
            hits = add(hits, new Hit(Policy.HALLUCINATED_PII, hallucinated, f));
          }
        }
      }
    }
    return sorted(hits);
  }

  /** Adds to a list that starts as the shared empty list, so clean text allocates nothing. */
  private static List<Hit> add(List<Hit> hits, Hit hit) {
    List<Hit> list = hits.isEmpty() ? new ArrayList<>(2) : hits;
    list.add(hit);
    return list;
  }

  private static List<Hit> sorted(List<Hit> hits) {
    if (hits.size() > 1) {
      hits.sort(HIT_ORDER);
    }
    return hits;
  }

  private static final Comparator<Hit> HIT_ORDER =
      (a, b) -> CompositeGuardrail.BY_START.compare(a.finding(), b.finding());

  /**
   * Collects what hits trigger, per rule: a BLOCK hit throws at once (after its event), naming
   * the rule and the finding types, never the text; the other actions are published by
   * {@link Report#publish()}, once per rule and direction for the whole request.
   */
  final class Report {
    private final Exchange exchange;
    private final RequestState state;
    private final String direction;
    private final Map<String, Action> actions = new LinkedHashMap<>(2);
    private final Map<String, Set<String>> types = new LinkedHashMap<>(2);

    Report(Exchange exchange, RequestState state, boolean input) {
      this.exchange = exchange;
      this.state = state;
      this.direction = input ? "input" : "output";
    }

    void add(List<Hit> hits) {
      for (Hit h : hits) {
        if (h.action() == Action.BLOCK) {
          List<String> found = typesOf(hits, h.rule());
          publishEvent(h.rule(), Action.BLOCK, found);
          throw new GuardrailViolationException(policy.plugin(), h.rule(), found,
              "guardrail rule '" + h.rule() + "' blocked the " + direction + ": found " + String.join(", ", found));
        }
      }
      for (Hit h : hits) {
        actions.putIfAbsent(h.rule(), h.action());
        types.computeIfAbsent(h.rule(), k -> new TreeSet<>()).add(h.finding().type());
      }
    }

    void publish() {
      for (Map.Entry<String, Action> e : actions.entrySet()) {
        String rule = e.getKey();
        if (!state.firstReport(direction + '/' + rule)) {
          continue;
        }
        List<String> found = List.copyOf(types.get(rule));
        publishEvent(rule, e.getValue(), found);
        if (e.getValue() == Action.WARN) {
          Map<String, Object> warning = Map.of("rule", rule, "direction", direction, "types", found);
          exchange.responseAttribute(WARNINGS, state.warn(warning));
        }
      }
      actions.clear();
      types.clear();
    }

    private List<String> typesOf(List<Hit> hits, String rule) {
      Set<String> found = new TreeSet<>(types.getOrDefault(rule, Set.of()));
      for (Hit h : hits) {
        if (h.rule().equals(rule)) {
          found.add(h.finding().type());
        }
      }
      return List.copyOf(found);
    }

    private void publishEvent(String rule, Action action, List<String> found) {
      exchange.publish(new GuardrailTriggered(policy.clock().instant(), exchange.requestId(), policy.plugin(),
          rule, action.wireName(), direction, found));
    }
  }

  /** The hits that rewrite text, without overlaps: earliest first, the longer one on ties. */
  static List<Hit> rewrites(List<Hit> hits) {
    List<Hit> chosen = new ArrayList<>(0);
    int end = -1;
    for (Hit h : hits) {
      if (h.rewrites() && h.start() >= end) {
        chosen.add(h);
        end = h.end();
      }
    }
    return chosen;
  }

  /** What replaces a hit: a reversible placeholder for input MASK, the type tag otherwise. */
  static String replacement(Hit h, CharSequence text, boolean input, RequestState state) {
    String type = h.finding().type();
    if (h.action() == Action.MASK && input) {
      return state.masks().placeholder(type, text.subSequence(h.start(), h.end()).toString());
    }
    return '[' + type + ']';
  }

  /**
   * One direction's pass over the texts of a request or answer: scans, reports, rewrites, and
   * for input tracks the strictest classification seen.
   */
  private final class Pass {
    final Exchange exchange;
    final RequestState state;
    final boolean input;
    final Report report;
    Classification level = Classification.PUBLIC;

    Pass(Exchange exchange, RequestState state, boolean input) {
      this.exchange = exchange;
      this.state = state;
      this.input = input;
      this.report = new Report(exchange, state, input);
    }

    String guard(String text) {
      if (text.isEmpty()) {
        return text;
      }
      List<Hit> hits = input ? inputHits(text, state) : outputHits(text, state);
      if (hits.isEmpty()) {
        return text;
      }
      if (input) {
        // before any masking: a masked prompt must not classify as PUBLIC
        for (Hit h : hits) {
          Classification c = policy.classification().get(h.finding().type());
          if (c != null && c.compareTo(level) > 0) {
            level = c;
          }
        }
      }
      report.add(hits);
      List<Hit> rewrites = rewrites(hits);
      if (rewrites.isEmpty()) {
        return text;
      }
      StringBuilder sb = new StringBuilder(text.length());
      int copied = 0;
      for (Hit h : rewrites) {
        sb.append(text, copied, h.start()).append(replacement(h, text, input, state));
        copied = h.end();
      }
      return sb.append(text, copied, text.length()).toString();
    }

    /**
     * Ends an input pass: sets the classification label (labels only move stricter, so this never
     * downgrades) and publishes what was found.
     */
    void finishInput() {
      exchange.labels().set(Classification.LABEL, level);
      report.publish();
    }
  }
}
