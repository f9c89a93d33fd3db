package dev.aegis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Shape rules the compiler cannot check. The public API: what a caller can see of a module is its
 * non-internal packages, so nothing reachable from there may name a type from an {@code internal}
 * package. The engine: no aegis-core class over 400 lines without a reason at its top, and no
 * nested class writing its enclosing class's fields.
 *
 * <p>Each rule lists every violation it finds; an allow-list entry is a known violation owned by
 * a named piece of work, and the rule also fails when an entry no longer occurs, so a fixed
 * violation cannot stay allowed.
 */
class ShapeRulesTest {
  private static final JavaClasses AEGIS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.aegis");

  /** Known internal types in public signatures. Empty: keep it so. */
  private static final Set<String> INTERNAL_IN_PUBLIC_SIGNATURE_ALLOWED = Set.of();

  /** The most lines an aegis-core source file may have without a stated reason. */
  private static final int MAX_LINES = 400;
  /** The stated reason: a line of the type's Javadoc (or a paragraph of it) starting with these words. */
  private static final Pattern LONG_BECAUSE = Pattern.compile("(?m)^\\s*\\*\\s*(?:<p>)?Over 400 lines because \\S");
  private static final Pattern TYPE_DECLARATION = Pattern.compile(
      "(?m)^(?:public |abstract |final |sealed |non-sealed )*(?:class|interface|enum|record|@interface) ");

  /**
   * aegis-core sources over {@value #MAX_LINES} lines without a reason. Empty: keep it so.
   */
  private static final Set<String> LONG_WITHOUT_REASON_ALLOWED = Set.of();

  /**
   * Nested classes writing a field of a class that encloses them. Empty: keep it so.
   */
  private static final Set<String> INNER_WRITES_OUTER_ALLOWED = Set.of();

  @Test
  void noInternalTypeInAPublicSignature() {
    List<String> found = internalTypesInPublicSignatures(AEGIS);
    assertAllowListMatches("internal type in a public signature", found, INTERNAL_IN_PUBLIC_SIGNATURE_ALLOWED);
  }

  @Test
  void engineShape_noCoreClassOver400LinesWithoutAStatedReason() throws IOException {
    List<String> found = longSourcesWithoutReason(Reactor.root().resolve("aegis-core/src/main/java"));
    assertAllowListMatches("aegis-core source over " + MAX_LINES + " lines without 'Over 400 lines because ...' in"
        + " its type's Javadoc", found, LONG_WITHOUT_REASON_ALLOWED);
  }

  @Test
  void engineShape_noNestedClassWritesItsEnclosingClassFields() {
    assertAllowListMatches("nested class writing a field of its enclosing class", nestedWritesToEnclosingFields(AEGIS),
        INNER_WRITES_OUTER_ALLOWED);
  }

  /** Source files (relative to {@code sources}) over the limit whose type Javadoc gives no reason. */
  static List<String> longSourcesWithoutReason(Path sources) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.lines().count() <= MAX_LINES) {
          continue;
        }
        var declaration = TYPE_DECLARATION.matcher(text);
        String head = declaration.find() ? text.substring(0, declaration.start()) : text;
        if (!LONG_BECAUSE.matcher(head).find()) {
          found.add(sources.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"));
        }
      }
    }
    return List.copyOf(new TreeSet<>(found));
  }

  /** Each field of an enclosing class (at any depth) that a nested, inner, local or anonymous class assigns. */
  static List<String> nestedWritesToEnclosingFields(JavaClasses classes) {
    List<String> found = new ArrayList<>();
    for (JavaClass type : classes) {
      Set<JavaClass> enclosing = new java.util.HashSet<>();
      for (JavaClass e = type.getEnclosingClass().orElse(null); e != null; e = e.getEnclosingClass().orElse(null)) {
        enclosing.add(e);
      }
      for (JavaFieldAccess access : type.getFieldAccessesFromSelf()) {
        if (access.getAccessType() == JavaFieldAccess.AccessType.SET && enclosing.contains(access.getTargetOwner())) {
          found.add(type.getName() + " writes " + access.getTargetOwner().getName() + "." + access.getTarget().getName());
        }
      }
    }
    return List.copyOf(new TreeSet<>(found));
  }

  /**
   * Every place where a public or protected member (or the supertypes and type parameter bounds)
   * of a type callers can reach names a type from an {@code ..internal..} package.
   */
  static List<String> internalTypesInPublicSignatures(JavaClasses classes) {
    List<String> found = new ArrayList<>();
    for (JavaClass type : classes) {
      if (isInternal(type) || !isReachable(type)) {
        continue;
      }
      String owner = type.getName();
      type.getSuperclass().ifPresent(s -> report(found, owner + " extends", List.of(s)));
      report(found, owner + " implements", type.getInterfaces());
      for (JavaTypeVariable<JavaClass> variable : type.getTypeParameters()) {
        report(found, owner + " type parameter " + variable.getName() + " bound", variable.getUpperBounds());
      }
      for (JavaField field : type.getFields()) {
        if (visible(field)) {
          report(found, owner + "." + field.getName() + " has type", List.of(field.getType()));
        }
      }
      List<JavaCodeUnit> codeUnits = new ArrayList<>(type.getMethods());
      codeUnits.addAll(type.getConstructors());
      for (JavaCodeUnit unit : codeUnits) {
        if (!visible(unit)) {
          continue;
        }
        String member = owner + "." + unit.getName() + "(" + rawParameters(unit) + ")";
        report(found, member + " returns", List.of(unit.getReturnType()));
        report(found, member + " takes", unit.getParameterTypes());
        report(found, member + " throws", unit.getExceptionTypes());
        for (JavaTypeVariable<?> variable : unit.getTypeParameters()) {
          report(found, member + " type parameter " + variable.getName() + " bound", variable.getUpperBounds());
        }
      }
    }
    return List.copyOf(new TreeSet<>(found));
  }

  /** Fails naming every violation outside the allow-list and every allow-list entry that no longer occurs. */
  static void assertAllowListMatches(String rule, Collection<String> found, Set<String> allowed) {
    List<String> unexpected = found.stream().filter(v -> !allowed.contains(v)).sorted().toList();
    List<String> stale = allowed.stream().filter(a -> !found.contains(a)).sorted().toList();
    assertThat(unexpected).as("%s — fix these (or, if another branch owns the fix, allow-list them with its name)", rule)
        .isEmpty();
    assertThat(stale).as("%s — fixed, remove from the allow-list", rule).isEmpty();
  }

  private static void report(List<String> found, String where, Collection<? extends JavaType> types) {
    for (JavaType type : types) {
      for (JavaClass raw : type.getAllInvolvedRawTypes()) {
        JavaClass element = raw.isArray() ? raw.getBaseComponentType() : raw;
        if (element.getPackageName().startsWith("dev.aegis.") && isInternal(element)) {
          found.add(where + " " + element.getName());
        }
      }
    }
  }

  private static String rawParameters(JavaCodeUnit unit) {
    return String.join(", ", unit.getRawParameterTypes().stream().map(JavaClass::getSimpleName).toList());
  }

  private static boolean isInternal(JavaClass type) {
    return (type.getPackageName() + ".").contains(".internal.");
  }

  /** Public, and every enclosing class public too: a caller outside the package can name it. */
  private static boolean isReachable(JavaClass type) {
    if (!type.getModifiers().contains(JavaModifier.PUBLIC)) {
      return false;
    }
    return type.getEnclosingClass().map(ShapeRulesTest::isReachable).orElse(true);
  }

  private static boolean visible(JavaMember member) {
    Set<JavaModifier> modifiers = member.getModifiers();
    if (modifiers.contains(JavaModifier.SYNTHETIC) || modifiers.contains(JavaModifier.BRIDGE)) {
      return false;
    }
    // A protected member of a final class cannot be reached from outside its package.
    boolean extendable = !member.getOwner().getModifiers().contains(JavaModifier.FINAL);
    return modifiers.contains(JavaModifier.PUBLIC) || (extendable && modifiers.contains(JavaModifier.PROTECTED));
  }
}
