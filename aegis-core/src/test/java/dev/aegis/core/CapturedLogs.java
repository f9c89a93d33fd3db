package dev.aegis.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The test class path's SLF4J binding: keeps every log line (message, key-value pairs, throwable
 * text) in memory while a test captures, and is switched off (every level disabled) otherwise,
 * so long tests do not fill the heap.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
  /** One captured line. */
  public record Line(String logger, Level level, String message, List<KeyValuePair> keyValues, String throwable) {
    public Object value(String key) {
      for (KeyValuePair kv : keyValues) {
        if (kv.key.equals(key)) {
          return kv.value;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return level + " " + logger + " " + keyValues + " " + message + " " + throwable;
    }
  }

  static final List<Line> LINES = new CopyOnWriteArrayList<>();
  private static volatile boolean capturing;

  /** Starts capturing (clearing earlier lines). */
  static void start() {
    LINES.clear();
    capturing = true;
  }

  /** Stops capturing and returns what was captured. */
  static List<Line> stop() {
    capturing = false;
    return new ArrayList<>(LINES);
  }

  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();
  private final ILoggerFactory factory = CapturingLogger::new;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class CapturingLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override public boolean isTraceEnabled() { return capturing; }
    @Override public boolean isDebugEnabled() { return capturing; }
    @Override public boolean isInfoEnabled() { return capturing; }
    @Override public boolean isWarnEnabled() { return capturing; }
    @Override public boolean isErrorEnabled() { return capturing; }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
        Throwable throwable) {
      add(level, messagePattern, arguments, List.of(), throwable);
    }

    @Override
    public void log(LoggingEvent event) {
      List<KeyValuePair> kvs = event.getKeyValuePairs() == null ? List.of() : List.copyOf(event.getKeyValuePairs());
      add(event.getLevel(), event.getMessage(), event.getArgumentArray(), kvs, event.getThrowable());
    }

    private void add(Level level, String pattern, Object[] args, List<KeyValuePair> kvs, Throwable t) {
      if (!capturing) {
        return;
      }
      StringBuilder trace = new StringBuilder();
      for (Throwable c = t; c != null; c = c.getCause()) {
        trace.append(c).append(" | ");
      }
      LINES.add(new Line(name, level, MessageFormatter.basicArrayFormat(pattern, args), kvs, trace.toString()));
    }
  }

  /** Unused: loggers are made by the factory above. */
  static Logger logger(String name) {
    return new CapturingLogger(name);
  }
}
