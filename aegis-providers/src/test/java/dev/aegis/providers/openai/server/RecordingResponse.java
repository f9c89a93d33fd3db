package dev.aegis.providers.openai.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link ServerResponse} that records what the endpoint sent. Writes complete at once unless
 * {@link #holdWrites} is set; then the test completes them from {@link #pendingWrites}.
 */
public final class RecordingResponse implements ServerResponse {
  public volatile int status;
  public final Map<String, String> headers = new LinkedHashMap<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  public final List<String> calls = new ArrayList<>();
  public final List<CompletableFuture<Void>> pendingWrites = new ArrayList<>();
  public volatile boolean holdWrites;
  public volatile Runnable onClose;
  public final CompletableFuture<Void> completed = new CompletableFuture<>();

  @Override
  public synchronized void send(int status, Map<String, String> headers, byte[] body) {
    calls.add("send");
    this.status = status;
    this.headers.putAll(headers);
    this.body.writeBytes(body);
    completed.complete(null);
  }

  @Override
  public synchronized void open(int status, Map<String, String> headers) {
    calls.add("open");
    this.status = status;
    this.headers.putAll(headers);
  }

  @Override
  public synchronized CompletionStage<Void> write(byte[] bytes) {
    calls.add("write");
    body.writeBytes(bytes);
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (holdWrites) {
      pendingWrites.add(f);
    } else {
      f.complete(null);
    }
    return f;
  }

  @Override
  public synchronized void end() {
    calls.add("end");
    completed.complete(null);
  }

  @Override
  public void onClose(Runnable action) {
    onClose = action;
  }

  public synchronized String body() {
    return body.toString(StandardCharsets.UTF_8);
  }
}
