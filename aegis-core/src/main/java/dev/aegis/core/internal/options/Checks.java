package dev.aegis.core.internal.options;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The argument checks the option groups share; each adds a problem at {@code path} and says whether the value passed. */
final class Checks {
  private Checks() {}

  static boolean present(List<String> problems, String path, @Nullable Object value) {
    if (value == null) {
      problems.add(path + ": must not be null");
      return false;
    }
    return true;
  }

  static boolean positive(List<String> problems, String path, @Nullable Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      problems.add(path + ": must be a positive duration but was " + value);
      return false;
    }
    return true;
  }

  static boolean atLeastOne(List<String> problems, String path, int value) {
    if (value < 1) {
      problems.add(path + ": must be at least 1 but was " + value);
      return false;
    }
    return true;
  }
}
