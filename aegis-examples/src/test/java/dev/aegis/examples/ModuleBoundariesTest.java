package dev.aegis.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module law: aegis-api depends on the JDK (and JSpecify) only; aegis-providers,
 * aegis-guardrails and aegis-redis depend on aegis-api and their own libraries, never on aegis-core.
 */
class ModuleBoundariesTest {
  private static final JavaClasses AEGIS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.aegis");

  @Test
  void apiDependsOnTheJdkOnly() {
    classes().that().resideInAPackage("dev.aegis.api..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..", "dev.aegis.api..")
        .check(AEGIS);
  }

  private static final String[] PROVIDER_LIBRARIES = {"java..", "javax.crypto..", "org.jspecify..",
      "dev.aegis.api..", "dev.aegis.providers..", "okhttp3..", "okio..", "com.fasterxml.jackson..", "kotlin.."};
  private static final String SERVLET_BINDING = "dev.aegis.providers.openai.server.servlet..";
  private static final String VERTX_BINDING = "dev.aegis.providers.openai.server.vertx..";

  @Test
  void providersUseOnlyTheApiAndTheirWireLibraries() {
    classes().that().resideInAPackage("dev.aegis.providers..")
        .and().resideOutsideOfPackages(SERVLET_BINDING, VERTX_BINDING)
        .should().onlyDependOnClassesThat().resideInAnyPackage(PROVIDER_LIBRARIES)
        .check(AEGIS);
  }

  @Test
  void theServletBindingAloneUsesTheServletApi() {
    classes().that().resideInAPackage(SERVLET_BINDING)
        .should().onlyDependOnClassesThat().resideInAnyPackage(with(PROVIDER_LIBRARIES, "jakarta.servlet.."))
        .check(AEGIS);
  }

  @Test
  void theVertxBindingAloneUsesVertx() {
    classes().that().resideInAPackage(VERTX_BINDING)
        .should().onlyDependOnClassesThat().resideInAnyPackage(with(PROVIDER_LIBRARIES, "io.vertx.."))
        .check(AEGIS);
  }

  private static String[] with(String[] packages, String extra) {
    String[] out = java.util.Arrays.copyOf(packages, packages.length + 1);
    out[packages.length] = extra;
    return out;
  }

  @Test
  void guardrailsUseOnlyTheApi() {
    classes().that().resideInAPackage("dev.aegis.guardrails..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..", "dev.aegis.api..",
            "dev.aegis.guardrails..")
        .check(AEGIS);
  }

  @Test
  void redisUsesOnlyTheApiAndItsClient() {
    classes().that().resideInAPackage("dev.aegis.redis..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..", "dev.aegis.api..",
            "dev.aegis.redis..", "redis.clients.jedis..", "org.apache.commons.pool2..", "org.slf4j..")
        .check(AEGIS);
  }

  @Test
  void nothingButTheExamplesReachesIntoCore() {
    noClasses().that().resideInAnyPackage("dev.aegis.api..", "dev.aegis.providers..", "dev.aegis.guardrails..",
            "dev.aegis.redis..")
        .should().dependOnClassesThat().resideInAPackage("dev.aegis.core..")
        .check(AEGIS);
  }
}
