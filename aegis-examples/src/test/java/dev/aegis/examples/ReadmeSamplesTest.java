package dev.aegis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.event.RequestCompleted;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.LabelKey;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.providers.mock.MockProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java sample of README.md, read from the README itself, compiled against the test class
 * path and run over the mock provider, so the README cannot drift from the API.
 *
 * <p>Each ```java block becomes a class implementing {@link ReadmeSample}: the imports a reader
 * would write, the README's free variables ({@code myPlugin}, {@code audit}) as parameters, and
 * its top-level variables returned for the checks below.
 */
class ReadmeSamplesTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\R(.*?)^```[ \\t]*$");
  /** A declaration at the start of a line: {@code Type name =} or {@code Type<Args> name =}. */
  private static final Pattern TOP_LEVEL_DECLARATION =
      Pattern.compile("(?m)^[A-Z][\\w.]*(?:<[^=;]*>)?\\s+(\\w+)\\s*=");
  private static final List<String> IMPORTS = List.of(
      "dev.aegis.api.*", "dev.aegis.api.chat.*", "dev.aegis.api.credential.*", "dev.aegis.api.event.*",
      "dev.aegis.api.plugin.*", "dev.aegis.api.provider.*", "dev.aegis.core.*", "dev.aegis.core.resilience.*",
      "dev.aegis.core.routing.*", "dev.aegis.guardrails.*", "dev.aegis.providers.mock.*",
      "java.util.concurrent.CompletableFuture");
  private static final String PACKAGE = "dev.aegis.examples.readme";

  private static List<String> blocks;
  private static List<ReadmeSample> samples;

  @BeforeAll
  static void compileTheReadmeSamples(@TempDir Path out) throws Exception {
    blocks = javaBlocks(Files.readString(Reactor.root().resolve("README.md"), StandardCharsets.UTF_8));
    List<JavaFileObject> sources = new ArrayList<>();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Path src = Files.createDirectories(out.resolve("src").resolve(PACKAGE.replace('.', File.separatorChar)));
      for (int i = 0; i < blocks.size(); i++) {
        Path file = src.resolve("Sample" + i + ".java");
        Files.writeString(file, wrap(i, blocks.get(i)), StandardCharsets.UTF_8);
        files.getJavaFileObjects(file).forEach(sources::add);
      }
      Path classes = Files.createDirectories(out.resolve("classes"));
      List<String> options = List.of("--release", "17", "-proc:none", "-classpath", testClassPath(), "-d",
          classes.toString());
      boolean compiled = javac.getTask(null, files, diagnostics, options, null, sources).call();
      assertThat(compiled).as("the README's Java samples compile:%n%s", describe(diagnostics)).isTrue();
      ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
          ReadmeSamplesTest.class.getClassLoader());
      samples = new ArrayList<>();
      for (int i = 0; i < blocks.size(); i++) {
        samples.add((ReadmeSample) loader.loadClass(PACKAGE + ".Sample" + i).getConstructor().newInstance());
      }
    }
  }

  @Test
  void theReadmeHasTheSamplesCheckedHere() {
    // a new sample needs its own check below; a renamed variable needs the checks updated
    assertThat(blocks).extracting(ReadmeSamplesTest::declaredNames).containsExactly(
        List.of("gateway", "request", "answer", "later"),
        List.of("smart", "byData"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theGatewaySampleAnswersOnEveryDoorAndPrintsTheStreamedText() throws Exception {
    StagePlugin myPlugin = new StagePlugin();
    ReadmeSample.Audit audit = new ReadmeSample.Audit();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    Map<String, Object> declared;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      declared = samples.get(0).run(myPlugin, audit);
    } finally {
      System.setOut(stdout);
    }
    ChatResponse answer = (ChatResponse) declared.get("answer");
    CompletableFuture<ChatResponse> later = (CompletableFuture<ChatResponse>) declared.get("later");
    try (Gateway gateway = (Gateway) declared.get("gateway")) {
      assertThat(answer.text()).isEqualTo(MockProvider.DEFAULT_REPLY);
      assertThat(answer.metadata().target()).isEqualTo("mock");
      assertThat(answer.metadata().provider()).isEqualTo("mock");
      assertThat(later.join().text()).isEqualTo(MockProvider.DEFAULT_REPLY);
    }

    // the README's streaming line prints the reply and nothing else
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(MockProvider.DEFAULT_REPLY);
    assertThat(myPlugin.calls).containsExactlyInAnyOrder(
        "onRequest ROUTE", "onAttempt ROUTE mock", "onComplete ROUTE SUCCESS",
        "onRequest ROUTE_ASYNC", "onAttempt ROUTE_ASYNC mock", "onComplete ROUTE_ASYNC SUCCESS",
        "onRequest STREAM", "onAttempt STREAM mock", "onComplete STREAM SUCCESS");
    assertThat(audit.events()).filteredOn(RequestCompleted.class::isInstance)
        .map(e -> (RequestCompleted) e)
        .extracting(e -> e.door() + " " + e.target() + " " + e.outcome())
        .containsExactlyInAnyOrder("ROUTE mock SUCCESS", "ROUTE_ASYNC mock SUCCESS", "STREAM mock SUCCESS");
  }

  @Test
  void theRoutesSampleComposesStrategiesThatRoute() throws Exception {
    Map<String, Object> declared = samples.get(1).run(new StagePlugin(), new ReadmeSample.Audit());
    Strategy byData = (Strategy) declared.get("byData");
    LabelKey<String> classification = LabelKey.of("classification");
    Plugin classifier = new Plugin() {
      @Override
      public RequestDecision onRequest(Exchange exchange) {
        String data = exchange.metadata().get("data");
        if (data != null) {
          exchange.labels().set(classification, data);
        }
        return RequestDecision.proceed();
      }
    };
    Gateway.Builder builder = Gateway.builder().route("chat", byData).plugin(classifier);
    for (String name : List.of("openai-a", "openai-b", "anthropic")) {
      builder.provider(MockProvider.builder(name).reply("from " + name).build());
    }
    builder.provider(MockProvider.builder("ollama").reply("from ollama").build(), true);
    ChatRequest request = ChatRequest.builder().model("chat").addMessage(Message.user("Hello")).build();
    try (Gateway gateway = builder.build()) {
      ChatResponse restricted = gateway.route(request,
          RequestOptions.builder().metadata("data", "RESTRICTED").build());
      assertThat(restricted.text()).isEqualTo("from ollama");
      assertThat(restricted.model()).isEqualTo("llama3.1");

      // the weighted member picks openai-a three times in four, openai-b otherwise
      ChatResponse other = gateway.route(request);
      assertThat(other.text()).isIn("from openai-a", "from openai-b");
      assertThat(other.model()).isEqualTo("gpt-4o");
    }
  }

  /** The README's {@code myPlugin}: records each stage it sees, with the door and the target. */
  static final class StagePlugin implements Plugin {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public RequestDecision onRequest(Exchange exchange) {
      calls.add("onRequest " + exchange.door());
      return RequestDecision.proceed();
    }

    @Override
    public void onAttempt(Exchange exchange, TargetInfo target) {
      calls.add("onAttempt " + exchange.door() + " " + target.name());
    }

    @Override
    public void onComplete(Exchange exchange, Outcome outcome) {
      calls.add("onComplete " + exchange.door() + " " + outcome.status());
    }
  }

  static List<String> javaBlocks(String markdown) {
    return firstGroups(JAVA_BLOCK, markdown);
  }

  static List<String> declaredNames(String block) {
    return firstGroups(TOP_LEVEL_DECLARATION, block);
  }

  private static List<String> firstGroups(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** The block as the body of {@link ReadmeSample#run}, returning its top-level variables. */
  static String wrap(int index, String block) {
    StringBuilder s = new StringBuilder("package ").append(PACKAGE).append(";\n\n");
    IMPORTS.forEach(i -> s.append("import ").append(i).append(";\n"));
    s.append("\npublic final class Sample").append(index).append(" implements ")
        .append(ReadmeSample.class.getCanonicalName()).append(" {\n")
        .append("  @Override\n")
        .append("  public java.util.Map<String, Object> run(Plugin myPlugin, ")
        .append(ReadmeSample.Audit.class.getCanonicalName()).append(" audit) throws Exception {\n")
        .append(block)
        .append("    java.util.Map<String, Object> readme$declared = new java.util.LinkedHashMap<>();\n");
    for (String name : declaredNames(block)) {
      s.append("    readme$declared.put(\"").append(name).append("\", ").append(name).append(");\n");
    }
    return s.append("    return readme$declared;\n  }\n}\n").toString();
  }

  private static String describe(DiagnosticCollector<JavaFileObject> diagnostics) {
    StringBuilder s = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      s.append(d.getSource() == null ? "" : d.getSource().getName()).append(':').append(d.getLineNumber())
          .append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
    }
    return s.toString();
  }

  /** Surefire runs tests from a manifest-only jar and names the real class path in this property. */
  private static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
