/**
 * Aegis provider adapters: the outbound wire formats (OpenAI and compatibles, Azure OpenAI,
 * Anthropic, Gemini, Bedrock, Ollama) and the mock provider, each offered to the gateway through
 * a {@link dev.aegis.api.provider.ProviderFactory}; and the inbound OpenAI-compatible endpoint
 * with its servlet and Vert.x bindings.
 *
 * <p>The {@code internal} packages (codecs, the shared HTTP transport) are not exported; nor is
 * {@code dev.aegis.providers}, which holds only package documentation.
 */
module dev.aegis.providers {
  requires transitive dev.aegis.api;
  requires static org.jspecify;
  // no public signature names OkHttp: a host passing its own client (ProviderConfig.extension) requires it itself
  requires okhttp3;
  requires com.fasterxml.jackson.databind;
  // the endpoint's server bindings: optional, needed only by hosts that mount it there
  requires static jakarta.servlet;
  requires static io.vertx.core;
  requires static io.vertx.web;

  exports dev.aegis.providers.anthropic;
  exports dev.aegis.providers.aws;
  exports dev.aegis.providers.azure;
  exports dev.aegis.providers.bedrock;
  exports dev.aegis.providers.compat;
  exports dev.aegis.providers.gemini;
  exports dev.aegis.providers.mock;
  exports dev.aegis.providers.ollama;
  exports dev.aegis.providers.openai;
  exports dev.aegis.providers.openai.server;
  exports dev.aegis.providers.openai.server.servlet;
  exports dev.aegis.providers.openai.server.vertx;

  provides dev.aegis.api.provider.ProviderFactory with
      dev.aegis.providers.mock.MockProviderFactory,
      dev.aegis.providers.anthropic.AnthropicProviderFactory,
      dev.aegis.providers.gemini.GeminiProviderFactory,
      dev.aegis.providers.bedrock.BedrockProviderFactory,
      dev.aegis.providers.openai.OpenAiProviderFactory,
      dev.aegis.providers.azure.AzureOpenAiProviderFactory,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.Groq,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.Mistral,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.Together,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.DeepSeek,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.OpenRouter,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.Fireworks,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.XAi,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.Perplexity,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.Cerebras,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.Vllm,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.LmStudio,
      dev.aegis.providers.compat.OpenAiCompatibleProviderFactory.LlamaCpp,
      dev.aegis.providers.ollama.OllamaProviderFactory;
}
