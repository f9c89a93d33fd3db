package dev.aegis.examples.serving;

/** Reads {@code --port N} from an example's arguments. Stateless. */
public final class Ports {
  private Ports() {}

  /** The port after {@code --port}, or {@code fallback}; 0 asks for a free port. */
  public static int parse(String[] args, int fallback) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port")) {
        if (i + 1 == args.length) throw new IllegalArgumentException("--port needs a number (0 for a free port)");
        try {
          int port = Integer.parseInt(args[i + 1]);
          if (port < 0 || port > 65535) throw new NumberFormatException();
          return port;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--port must be a number from 0 to 65535 but was '" + args[i + 1] + "'");
        }
      }
    }
    return fallback;
  }
}
