package dev.aegis.examples.bench;

import dev.aegis.examples.serving.RunningServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for the OpenAI API on loopback: {@code POST /v1/chat/completions} answers at once
 * with one fixed completion, as JSON or, when the body asks for {@code "stream":true}, as eight
 * SSE content chunks, a finish chunk, a usage chunk and {@code [DONE]}. The answers are built
 * once; the request body is read but not parsed, so this server's own cost stays small.
 *
 * <p>Thread-safe.
 */
public final class OpenAiUpstream {
  static final String MODEL = "gpt-4o-mini";
  private static final String[] WORDS = {"Hello", " from", " the", " benchmark", " upstream", ",", " no", " delay."};
  private static final byte[] JSON = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1764547200,"
      + "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
      + String.join("", WORDS) + "\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":8,\"total_tokens\":22}}").getBytes(StandardCharsets.UTF_8);
  private static final byte[] SSE = sse();

  private OpenAiUpstream() {}

  /** Starts the upstream on {@code 127.0.0.1:port} (0 for a free port). */
  public static RunningServer start(int port) {
    return LoopbackJetty.serve(port, new Completions());
  }

  private static byte[] sse() {
    StringBuilder out = new StringBuilder();
    String head = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1764547200,\"model\":\""
        + MODEL + "\",\"choices\":[";
    for (int i = 0; i < WORDS.length; i++) {
      out.append(head).append("{\"index\":0,\"delta\":{").append(i == 0 ? "\"role\":\"assistant\"," : "")
          .append("\"content\":\"").append(WORDS[i]).append("\"},\"finish_reason\":null}]}\n\n");
    }
    out.append(head).append("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
    out.append(head).append("],\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":8,\"total_tokens\":22}}\n\n");
    out.append("data: [DONE]\n\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The one endpoint. */
  private static final class Completions extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final byte[] STREAM_TRUE = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      byte[] body = req.getInputStream().readAllBytes();
      boolean stream = indexOf(body, STREAM_TRUE) >= 0;
      resp.setContentType(stream ? "text/event-stream; charset=utf-8" : "application/json");
      byte[] answer = stream ? SSE : JSON;
      if (!stream) resp.setContentLength(answer.length);
      OutputStream out = resp.getOutputStream();
      out.write(answer);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
      outer:
      for (int i = 0; i <= haystack.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (haystack[i + j] != needle[j]) continue outer;
        }
        return i;
      }
      return -1;
    }
  }
}
