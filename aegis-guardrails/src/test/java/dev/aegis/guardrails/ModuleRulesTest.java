package dev.aegis.guardrails;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module's boundaries: aegis-api and the JDK only; no logging; no synchronized blocking. */
class ModuleRulesTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.aegis.guardrails");

  @Test
  void dependsOnlyOnTheApiAndTheJdk() {
    classes().should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.aegis.guardrails..", "dev.aegis.api..", "java..", "org.jspecify..")
        .check(CLASSES);
  }

  @Test
  void apiInternalsAreNotUsed() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.aegis.api.internal..").check(CLASSES);
  }
}
