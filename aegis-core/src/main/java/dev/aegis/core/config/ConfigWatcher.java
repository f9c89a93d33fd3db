package dev.aegis.core.config;

import dev.aegis.api.error.ConfigException;
import dev.aegis.core.Gateway;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a gateway when its configuration file changes: watches the file's directory on one
 * daemon thread and calls {@link Gateway#reload} with the file read anew. A file with problems is
 * rejected whole (the old configuration keeps serving) and handed to {@code onRejected}.
 *
 * <pre>{@code
 * try (ConfigWatcher w = ConfigWatcher.start(gateway, Path.of("aegis.yaml"), e -> alert(e.getMessage()))) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} stops the thread.
 */
public final class ConfigWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  private final Gateway gateway;
  private final Path file;
  private final Consumer<ConfigException> onRejected;
  private final WatchService watcher;
  private final Thread thread;

  private ConfigWatcher(Gateway gateway, Path file, Consumer<ConfigException> onRejected) throws IOException {
    this.gateway = gateway;
    this.file = file.toAbsolutePath();
    this.onRejected = onRejected;
    this.watcher = FileSystems.getDefault().newWatchService();
    this.file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
    this.thread = new Thread(this::run, "aegis-config-watcher");
    thread.setDaemon(true);
  }

  /**
   * Starts watching {@code file}.
   *
   * @throws ConfigException when its directory cannot be watched
   */
  public static ConfigWatcher start(Gateway gateway, Path file, Consumer<ConfigException> onRejected) {
    try {
      ConfigWatcher w = new ConfigWatcher(gateway, file, onRejected);
      w.thread.start();
      return w;
    } catch (IOException e) {
      throw new ConfigException(java.util.List.of(new ConfigException.Problem(file.toString(),
          "cannot be watched for changes")), e);
    }
  }

  /** Reads the file and reloads the gateway now; what the thread does on each change. */
  public void reloadNow() {
    try {
      gateway.reload(GatewayConfig.load(file));
    } catch (ConfigException e) {
      LOG.warn("configuration {} rejected; the previous one keeps serving:\n{}", file, e.getMessage());
      onRejected.accept(e);
    }
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
          Object ctx = event.context();
          if (ctx instanceof Path && file.getFileName().equals(ctx)) {
            ours = true;
          }
        }
        key.reset();
        if (ours) {
          reloadNow();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  @Override
  public void close() {
    try {
      watcher.close();
    } catch (IOException e) {
      LOG.debug("closing the watch service failed", e);
    }
    thread.interrupt();
  }
}
