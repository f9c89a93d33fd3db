package dev.aegis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.provider.ProviderFactory;
import dev.aegis.core.Gateway;
import dev.aegis.guardrails.GuardrailPlugin;
import dev.aegis.providers.mock.MockProvider;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JPMS descriptors of the library modules: each exports exactly its non-internal packages (a
 * package added without an export fails here), internal packages only to named Aegis modules, and
 * the providers module provides exactly the factories its {@code META-INF/services} file lists.
 * Read from the built classes or jars, so it checks what ships.
 */
class ModuleDescriptorsTest {
  private static final Set<String> AEGIS_MODULES =
      Set.of("dev.aegis.api", "dev.aegis.providers", "dev.aegis.guardrails", "dev.aegis.core",
          "dev.aegis.redis");

  @Test
  void everyLibraryModuleExportsExactlyItsNonInternalPackages() throws Exception {
    Map<String, ModuleDescriptor> modules = descriptors();
    assertThat(modules.keySet()).containsExactlyInAnyOrderElementsOf(AEGIS_MODULES);
    for (Class<?> anchor : anchors()) {
      ModuleDescriptor module = descriptorOf(location(anchor));
      Set<String> publicPackages = packagesWithTypes(location(anchor)).stream()
          .filter(p -> !isInternal(p)).collect(Collectors.toCollection(TreeSet::new));
      Set<String> exported = module.exports().stream().filter(e -> !e.isQualified())
          .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
      assertThat(exported).as("unqualified exports of %s", module.name()).isEqualTo(publicPackages);
      for (ModuleDescriptor.Exports e : module.exports()) {
        if (e.isQualified()) {
          assertThat(AEGIS_MODULES).as("%s exports %s only to Aegis modules", module.name(), e.source())
              .containsAll(e.targets());
        }
      }
    }
  }

  @Test
  void theProvidersModuleProvidesTheFactoriesOfItsServiceFile() throws Exception {
    Path location = location(MockProvider.class);
    ModuleDescriptor module = descriptorOf(location);
    List<String> provided = module.provides().stream()
        .filter(p -> p.service().equals(ProviderFactory.class.getName()))
        .flatMap(p -> p.providers().stream()).sorted().toList();
    List<String> listed = read(location, "META-INF/services/" + ProviderFactory.class.getName()).lines()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
    assertThat(provided).isEqualTo(listed);
    assertThat(descriptorOf(location(Gateway.class)).uses()).containsExactlyInAnyOrder(
        ProviderFactory.class.getName(), "dev.aegis.api.config.PluginFactory", "dev.aegis.api.config.GuardrailFactory",
        "dev.aegis.api.config.StoreFactory", "dev.aegis.api.config.SecretResolver",
        "dev.aegis.core.config.StrategyFactory");
  }

  @Test
  void everyServiceAModuleProvidesIsAlsoInItsServiceFileForTheClassPath() throws Exception {
    for (Class<?> anchor : List.of(Gateway.class, GuardrailPlugin.class)) {
      Path location = location(anchor);
      for (ModuleDescriptor.Provides p : descriptorOf(location).provides()) {
        List<String> listed = read(location, "META-INF/services/" + p.service()).lines().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
        assertThat(p.providers().stream().sorted().toList()).as(p.service()).isEqualTo(listed);
      }
    }
  }

  private static List<Class<?>> anchors() {
    return List.of(ChatRequest.class, MockProvider.class, GuardrailPlugin.class, Gateway.class,
        dev.aegis.redis.RedisStores.class);
  }

  private static Map<String, ModuleDescriptor> descriptors() throws Exception {
    Map<String, ModuleDescriptor> found = new TreeMap<>();
    for (Class<?> anchor : anchors()) {
      ModuleDescriptor d = descriptorOf(location(anchor));
      if (!d.isAutomatic()) {
        found.put(d.name(), d);
      }
    }
    return found;
  }

  private static ModuleDescriptor descriptorOf(Path location) {
    Set<ModuleReference> found = ModuleFinder.of(location).findAll();
    assertThat(found).as("one module at %s", location).hasSize(1);
    return found.iterator().next().descriptor();
  }

  /** The classes directory or jar the class was loaded from. */
  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Packages holding at least one type (a package of only package-info cannot be exported). */
  private static Set<String> packagesWithTypes(Path location) throws IOException {
    try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location)) {
      Path root = jar == null ? location : jar.getPath("/");
      try (Stream<Path> files = Files.walk(root)) {
        return files.filter(f -> f.toString().endsWith(".class"))
            .filter(f -> !f.getFileName().toString().equals("package-info.class")
                && !f.getFileName().toString().equals("module-info.class"))
            .filter(f -> !root.relativize(f).startsWith("META-INF"))
            .map(f -> root.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), "."))
            .collect(Collectors.toCollection(TreeSet::new));
      }
    }
  }

  private static String read(Path location, String resource) throws IOException {
    try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location)) {
      Path file = jar == null ? location.resolve(resource) : jar.getPath("/" + resource);
      return Files.readString(file, StandardCharsets.UTF_8);
    }
  }

  private static boolean isInternal(String pkg) {
    return (pkg + ".").contains(".internal.");
  }
}
