package dev.aegis.providers.compat;

import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static dev.aegis.providers.openai.WireAssertions.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.openai.ChatCompletionsContractBodies;
import dev.aegis.providers.openai.Fixtures;
import dev.aegis.providers.openai.HttpProviderContractTest;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/** The Groq preset passes the provider contract kit against recorded Groq traffic. */
class GroqContractTest extends HttpProviderContractTest {

  @Override
  protected String basePath() {
    return "/openai/v1";
  }

  @Override
  protected Provider newProvider(String baseUrl, OkHttpClient client, FaultSetup setup) {
    return OpenAiCompatibleProvider.create(Preset.GROQ, ProviderConfig.builder("groq-test", "groq").baseUrl(baseUrl)
        .credentials(CredentialProvider.apiKey("gsk-test")).extension(OkHttpClient.class, client).options(setup.options()).connectTimeout(setup.connectTimeout())
        .readTimeout(setup.readTimeout()).build());
  }

  @Override
  protected MockResponse answer(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL: return jsonResponse(200, Fixtures.text("groq/groq-tool-call.json"));
      case STREAM_TEXT: return sseResponse(Fixtures.sse("groq/groq-text.chunks.txt", true));
      case STREAM_TOOL_CALL: return sseResponse(Fixtures.sse("groq/groq-tool-call.chunks.txt", true));
      default: return jsonResponse(200, Fixtures.text("groq/groq-text.json"));
    }
  }

  @Override
  protected MockResponse failure(int status) {
    String body = status == 404 ? Fixtures.cassetteBody("groq/test_tool_regular_error.yaml", 0)
        : "{\"error\":{\"message\":\"failure " + status + "\",\"type\":\"" + (status >= 500 ? "internal_server_error"
            : "invalid_request_error") + "\"}}";
    MockResponse.Builder b = new MockResponse.Builder(jsonResponse(status, body));
    if (status == 429) b.setHeader("retry-after", "7");
    return b.build();
  }

  @Override
  protected void verify(Scenario scenario, RecordedRequest r) throws Exception {
    assertThat(r.getUrl().encodedPath()).isEqualTo("/openai/v1/chat/completions");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer gsk-test");
    ChatCompletionsContractBodies.assertRequest(scenario, r, served(Scenario.TOOL_CALL).toolCall());
  }

  @Override
  protected Answer served(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL:
        return Answer.tool("ax9fskhev", "weather", "{}", 218, 15);
      case STREAM_TEXT:
        return Answer.text("Introducing \"Luminaria\" - a new holiday that celebrates the magic of light, community, and personal "
            + "growth. Observed on the spring equinox, Luminaria is a joyous occasion that brings people together to "
            + "kindle the light within themselves and others.\n\n**Preparations:**\nIn the weeks leading up to Luminaria, "
            + "people prepare by reflecting on their personal goals, values, and accomplishments. They write down their "
            + "aspirations on small, candle-shaped papers called \"Luminari,\" which are then tied to a string and "
            + "hung in a designated spot, usually a window or a tree.\n\n**Evening of Luminaria:**\nAs the sun sets "
            + "on the spring equinox, families and friends gather in their communities to light the Luminari candles. "
            + "The ceremony begins with a collective moment of silence, followed by a gentle breeze of whispers, as "
            + "each person shares a personal intention or wish for the coming year. The Luminari candles are then lit, "
            + "one by one, creating a warm, golden glow that symbolizes the light within.\n\n**Traditions:**\n\n1. "
            + "**The Lantern Parade**: Community members create and carry lanterns, decorated with symbols, patterns, "
            + "and inspiring quotes. The lanterns are paraded through the streets, filling the night air with a kaleidoscope "
            + "of colors and light.\n2. **The Light Exchange**: Participants gather in a large circle, each holding "
            + "a small, candlelit lantern. They take turns sharing their Luminari papers, explaining the intentions "
            + "and aspirations written on them. The papers are then exchanged with a neighbor, symbolizing the support "
            + "and encouragement of the community.\n3. **The Star-Gazing Ceremony**: As the night sky darkens, people "
            + "gather in a nearby park or open field, lying down on blankets to gaze at the stars. They share stories "
            + "of their hopes and dreams, and the constellations are used as a reminder of the infinite possibilities "
            + "that lie ahead.\n4. **The Luminous Feast**: A grand feast is prepared, featuring dishes that represent "
            + "the warmth and nourishment of light. Traditional Luminaria foods include sun-dried fruits, golden-hued "
            + "grains, and radiant-colored vegetables. The meal is shared with loved ones, and the company of strangers "
            + "becomes a celebration of new connections.\n\n**Symbolism:**\nThe Luminaria holiday is rich in symbolism, "
            + "representing the light that guides us, the warmth that nourishes us, and the community that supports "
            + "us. The Luminari candles and lanterns embody the inner light that shines within each individual, while "
            + "the star-gazing ceremony reminds us of the boundless potential that lies beyond.\n\n**Post-Luminaria:**\nIn "
            + "the days following the holiday, people are encouraged to reflect on their experiences and the connections "
            + "they made during the celebrations. They are invited to share their stories, photos, and art inspired "
            + "by Luminaria on social media, using a designated hashtag. This collective sharing creates a digital "
            + "tapestry of light, spreading the joy and inspiration of the holiday to a wider community.\n\nAs the "
            + "Luminaria holiday comes to a close, the light within each person is kindled, and the world is filled "
            + "with a warm, radiant glow, inspiring personal growth, community connection, and a deeper appreciation "
            + "for the magic of light.", 45, 662);
      case STREAM_TOOL_CALL:
        return Answer.tool("tk85n1k4m", "weather", "{}", 210, 15);
      default:
        return Answer.text("I'd like to introduce \"Luminaria\" - a joyous holiday that celebrates the magic of light, community, "
            + "and personal growth. Luminaria is observed on the spring equinox, a time when day and night are equal "
            + "in length, symbolizing balance and harmony.\n\n**Traditions:**\n\n1. **Luminous Lanterns:** On the eve "
            + "of Luminaria, people create and decorate their own lanterns using natural materials like paper, wood, "
            + "and candles. These lanterns are then placed in windows, doorways, and public spaces, creating a dazzling "
            + "display of light and color.\n2. **The Great Illumination:** As the sun sets on Luminaria, communities "
            + "come together to light their lanterns and candles, creating a sea of twinkling lights that stretches "
            + "across neighborhoods and towns. This collective effort symbolizes the power of unity and the warmth "
            + "of human connection.\n3. **Reflection and Renewal:** Luminaria is a time for introspection and self-reflection. "
            + "People write down things they wish to release or let go of on small pieces of paper, which are then "
            + "burned in a ceremonial fire, symbolizing transformation and renewal.\n4. **The Sharing of Stories:** "
            + "Families and friends gather around the lanterns to share stories of personal growth, overcoming challenges, "
            + "and triumphs. This tradition fosters empathy, understanding, and a deeper appreciation for the human "
            + "experience.\n5. **The Gift of Light:** As a symbol of kindness and generosity, people exchange small "
            + "gifts that represent light, such as candles, lanterns, or solar-powered lights. This tradition encourages "
            + "individuals to spread warmth and illumination to those around them.\n6. **The Luminaria Feast:** A grand "
            + "feast is prepared, featuring dishes that incorporate light-themed ingredients like sun-dried fruits, "
            + "glowing mushrooms, and radiantly colored vegetables. The meal is shared with loved ones, and the company "
            + "is savored as much as the food.\n7. **Stargazing:** As the night deepens, people gather in public spaces "
            + "or backyards to gaze up at the starry sky, contemplating the vastness of the universe and the mysteries "
            + "of the cosmos.\n\n**Symbolism:**\n\nThe lanterns and candles represent the light within each individual, "
            + "which is nurtured and shared with others. The burning of papers symbolizes the release of negative emotions "
            + "and the embracing of positive change. The sharing of stories and gifts represents the power of community "
            + "and the importance of supporting one another. The stargazing tradition reminds us of our place in the "
            + "universe and the interconnectedness of all things.\n\n**Conclusion:**\n\nLuminaria is a holiday that "
            + "celebrates the universal human desire for connection, growth, and illumination. By embracing the traditions "
            + "of Luminaria, we can foster a sense of community, promote personal growth, and spread warmth and light "
            + "to those around us. As the lanterns shine bright, we are reminded that even in darkness, there is always "
            + "hope, and that together, we can create a brighter, more radiant world.", 45, 607);
    }
  }
}
