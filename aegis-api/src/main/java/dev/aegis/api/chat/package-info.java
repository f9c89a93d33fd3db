/**
 * Normalized chat value types (OpenAI chat-completions semantics): requests, messages, responses, stream chunks and {@link dev.aegis.api.chat.ChatStream}.
 */
@NullMarked
package dev.aegis.api.chat;

import org.jspecify.annotations.NullMarked;
