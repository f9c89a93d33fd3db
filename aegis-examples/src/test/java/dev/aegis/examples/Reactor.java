package dev.aegis.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the Maven reactor's sources are, for tests that read them (the README, line counts). */
final class Reactor {
  private Reactor() {}

  /** The reactor's root directory: the first directory at or above the working directory holding README.md and aegis-examples. */
  static Path root() throws IOException {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("aegis-examples"))) {
        return dir;
      }
    }
    throw new IOException("the Aegis reactor root (README.md beside aegis-examples) is not at or above " + start);
  }
}
