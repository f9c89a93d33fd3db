package dev.aegis.core.internal.telemetry;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Message content in the GenAI conventions' JSON shape ({@code [{"role":"user","parts":[{"type":
 * "text","content":"..."}]}]}), for spans when the host opted in to content capture. Text parts
 * only; images and tool calls are left out.
 */
final class Content {
  private Content() {}

  static String input(ChatRequest request) {
    StringBuilder sb = new StringBuilder(256).append('[');
    for (int i = 0; i < request.messages().size(); i++) {
      Message m = request.messages().get(i);
      if (i > 0) {
        sb.append(',');
      }
      message(sb, m.role().name().toLowerCase(Locale.ROOT), m.text(), null);
    }
    return sb.append(']').toString();
  }

  static String output(String text, @Nullable String finishReason) {
    StringBuilder sb = new StringBuilder(text.length() + 64).append('[');
    message(sb, "assistant", text, finishReason);
    return sb.append(']').toString();
  }

  private static void message(StringBuilder sb, String role, String text, @Nullable String finishReason) {
    sb.append("{\"role\":\"").append(role).append("\",\"parts\":[{\"type\":\"text\",\"content\":");
    quote(sb, text);
    sb.append("}]");
    if (finishReason != null) {
      sb.append(",\"finish_reason\":\"").append(finishReason).append('"');
    }
    sb.append('}');
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
