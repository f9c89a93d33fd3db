package dev.aegis.providers.openai;

import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static dev.aegis.providers.openai.WireAssertions.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/** The OpenAI adapter passes the provider contract kit against recorded OpenAI traffic. */
class OpenAiProviderContractTest extends HttpProviderContractTest {
  static final String TOOL_CASSETTE = "openai/test_openai_tool_output.yaml";

  @Override
  protected Provider newProvider(String baseUrl, OkHttpClient client, FaultSetup setup) {
    return OpenAiProvider.create(ProviderConfig.builder("openai-test", "openai").baseUrl(baseUrl)
        .credentials(CredentialProvider.apiKey("sk-test")).extension(OkHttpClient.class, client).options(setup.options()).connectTimeout(setup.connectTimeout())
        .readTimeout(setup.readTimeout()).build());
  }

  @Override
  protected MockResponse answer(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL: return jsonResponse(200, Fixtures.cassetteBody(TOOL_CASSETTE, 0));
      case STREAM_TEXT: return sseResponse(Fixtures.sse("openai/openai-text.chunks.txt", true));
      case STREAM_TOOL_CALL:
        return sseResponse(Fixtures.cassetteBody("openai/test_run_stream_sync_streams_real_model.yaml", 0));
      default: return jsonResponse(200, Fixtures.text("openai/openai-text.json"));
    }
  }

  @Override
  protected MockResponse failure(int status) {
    return OpenAiErrorMappingTest.errorResponse(status);
  }

  @Override
  protected void verify(Scenario scenario, RecordedRequest r) throws Exception {
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test");
    ChatCompletionsContractBodies.assertRequest(scenario, r, served(Scenario.TOOL_CALL).toolCall());
  }

  @Override
  protected Answer served(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL:
        return Answer.tool("call_iXFttys57ap0o16JSlC8yhYo", "get_user_country", "{}", 68, 12);
      case STREAM_TEXT:
        return Answer.text("**Holiday Name:** Harmony Day\n\n**Date:** Celebrated annually on the first Saturday of May\n\n**Purpose:** "
            + "Harmony Day is dedicated to fostering understanding, kindness, and unity among diverse communities. "
            + "It emphasizes celebrating cultural differences while promoting empathy and collaboration.\n\n**Traditions:**\n\n1. "
            + "**Cultural Potluck Gatherings:** Communities come together to share traditional dishes from their backgrounds, "
            + "encouraging conversation and curiosity about different cultures.\n\n2. **Story Circles:** People of "
            + "all ages are encouraged to share stories from their heritage or personal experiences that promote understanding "
            + "and empathy.\n\n3. **Decorate for Unity:** Public spaces and homes are decorated with symbols representing "
            + "different cultures—flags, traditional art, and meaningful motifs—to visually celebrate diversity.\n\n4. "
            + "**Collaborative Art Projects:** Communities create murals or sculptures that symbolize unity and diversity, "
            + "involving artists and residents of all ages.\n\n5. **Acts of Kindness:** As a central activity, participants "
            + "perform Small acts of kindness throughout the day, such as volunteering, helping neighbors, or inviting "
            + "someone new to join festivities.\n\n6. **Music & Dance Festivals:** Local performances showcase a variety "
            + "of musical styles and dances from different parts of the world, emphasizing shared joy and creativity.\n\n7. "
            + "**Educational Workshops:** Interactive sessions teach about various cultures’ histories, traditions, "
            + "and celebrations, fostering respect and knowledge.\n\n**Overall Spirit:** Harmony Day aims to create "
            + "a sense of global community, reminding everyone that despite our differences, we are all connected through "
            + "shared human experiences and mutual respect.", 16, 300);
      case STREAM_TOOL_CALL:
        return Answer.tool("call_ZR5UUuTt3pf61kjwAJIYdVMj", "get_capital", "{\"country\":\"UK\"}", 53, 15);
      default:
        return Answer.text("**Holiday Name:** Galaxy Day  \n\n**Date:** October 31st, aligning with the night sky's peak viewing "
            + "of constellations and celestial events.  \n\n**Purpose:** Galaxy Day celebrates the universe's vastness, "
            + "beauty, and our collective curiosity about the cosmos. It's a time to honor science, imagination, and "
            + "our shared human wonder about the stars and beyond.  \n\n**Traditions:**  \n\n1. **Stargazing Festivals:** "
            + "Communities host outdoor gatherings in parks, rooftops, or open fields. People set up telescopes, enjoy "
            + "guided stargazing sessions, and share stories about space, astronomy, and mythologies linked to constellations. "
            + " \n\n2. **Cosmic Costumes:** Participants dress up as planets, stars, astronauts, aliens, or celestial "
            + "phenomena. Parades and costume contests encourage creativity inspired by the universe's mysteries.  "
            + "\n\n3. **Celestial Art:** Art installations and light shows depict galaxies, nebulae, and astronomical "
            + "phenomena. Schools and galleries often hold exhibitions or workshops focusing on space-inspired creativity. "
            + " \n\n4. **Educational Activities:** Museums and science centers offer special exhibits, planetarium "
            + "shows, and activities for all ages to learn about space exploration, astronomy, and the universe's origins. "
            + " \n\n5. **Offering of Light:** In homage to distant stars, families and communities light candles or "
            + "lanterns, symbolizing hope, curiosity, and the idea that even the smallest light can illuminate vast "
            + "darkness—mirroring our quest to find knowledge amidst the cosmos.  \n\n6. **Global Connection:** As "
            + "Galaxy Day emphasizes shared wonder, people are encouraged to connect virtually with friends or communities "
            + "worldwide to share discoveries, stories, and aspirations related to space.  \n\nGalaxy Day fosters a "
            + "sense of unity, exploration, and awe, inspiring individuals to look up and dream beyond our world.", 16, 363);
    }
  }
}
