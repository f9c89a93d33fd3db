package dev.aegis.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.providers.internal.Json;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Assertions on recorded wire requests and builders of mock answers. */
public final class WireAssertions {
  private WireAssertions() {}

  /** Asserts the request body is exactly this JSON (object member order aside). */
  public static void assertBody(RecordedRequest request, String expectedJson) throws IOException {
    JsonNode actual = Json.read(request.getBody().toByteArray());
    assertThat(actual).as("request body").isEqualTo(Json.read(expectedJson));
  }

  public static JsonNode body(RecordedRequest request) throws IOException {
    return Json.read(request.getBody().toByteArray());
  }

  public static MockResponse jsonResponse(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .setHeader("x-request-id", "req_" + status).body(body).build();
  }

  public static MockResponse sseResponse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
  }
}
