package dev.aegis.core.internal.telemetry;

import dev.aegis.api.Principal;
import dev.aegis.api.Ticker;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.BudgetHit;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.event.GuardrailTriggered;
import dev.aegis.api.event.LimitHit;
import dev.aegis.api.event.LoadShed;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters: the GenAI client metrics (names from {@link GenAiConventions}, in the
 * edition chosen) and the gateway's own {@code aegis.*} meters. Meters are looked up once per
 * distinct tag set and cached, so a request costs a few map lookups and counter increments.
 * Tags are low-cardinality (door, outcome, target, provider, model, error type); the principal
 * and tenant are tags only when the host opted in. Loaded only when a registry is configured.
 */
final class MicrometerObservers implements ObserverFactory {
  private static final String[] DOORS = {"route", "route_async", "stream", "embed"};
  private static final String[] OUTCOMES = {"success", "failure", "cancelled"};

  private final MeterRegistry registry;
  private final GenAiConventions conventions;
  private final boolean principalTags;
  private final Ticker ticker;
  private final Timer[][] requests = new Timer[DOORS.length][OUTCOMES.length];
  private final Counter hedgesFired;
  private final Counter hedgesWon;
  /** {@code aegis.cache.results} by result: exact hit, semantic hit, miss, bypass. */
  private final Counter[] cacheResults = new Counter[4];
  private final ConcurrentHashMap<String, TargetMeters> targets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ClientKey, ClientMeters> clients = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> costs = new ConcurrentHashMap<>();
  /** Held here because Micrometer keeps only a weak reference to a gauge's state. */
  private final Telemetry.GatewayState state;

  private MicrometerObservers(MeterRegistry registry, GenAiConventions conventions, boolean principalTags,
      Ticker ticker, Telemetry.GatewayState state) {
    this.state = state;
    this.registry = registry;
    this.conventions = conventions;
    this.principalTags = principalTags;
    this.ticker = ticker;
    for (int d = 0; d < DOORS.length; d++) {
      for (int o = 0; o < OUTCOMES.length; o++) {
        requests[d][o] = requestTimer(DOORS[d], OUTCOMES[o],
            principalTags ? Tags.of("tenant", "", "principal", "") : Tags.empty());
      }
    }
    hedgesFired = Counter.builder("aegis.hedges.fired").description("Hedge branches started").register(registry);
    hedgesWon = Counter.builder("aegis.hedges.won").description("Requests served by a hedge").register(registry);
    String[][] results = {{"hit", "exact"}, {"hit", "semantic"}, {"miss", ""}, {"bypass", ""}};
    for (int i = 0; i < results.length; i++) {
      cacheResults[i] = Counter.builder("aegis.cache.results").tag("result", results[i][0]).tag("kind", results[i][1])
          .description("Response cache lookups by result").register(registry);
    }
    Gauge.builder("aegis.requests.in_flight", state, Telemetry.GatewayState::inFlight)
        .description("Requests running now").register(registry);
    FunctionCounter.builder("aegis.hook.events.dropped", state, Telemetry.GatewayState::hookEventsDropped)
        .description("Events dropped because the hook queue was full").register(registry);
    Gauge.builder("aegis.hook.queue.size", state, Telemetry.GatewayState::hookQueueSize)
        .description("Events waiting for the hooks").register(registry);
    targetsChanged(state.targets());
  }

  @Override
  public void targetsChanged(java.util.Collection<String> targets) {
    // registering an existing gauge again returns it: only the targets a reload added get a new one
    for (String target : targets) {
      circuitGauge(target);
    }
  }

  /**
   * The circuit-state gauge of a target: registered at build for the configured targets and, for
   * a target that appears later (a new configuration), when its meters are first created.
   * Micrometer returns the existing gauge for a name and tags it already holds.
   */
  private void circuitGauge(String target) {
    Gauge.builder("aegis.circuit.state", state, s -> s.circuitState(target)).tag("target", target)
        .description("Circuit breaker state: 0 closed, 1 open, 2 half-open").register(registry);
  }

  static ObserverFactory create(Object registry, GenAiConventions conventions, boolean principalTags, Ticker ticker,
      Telemetry.GatewayState state) {
    return new MicrometerObservers((MeterRegistry) registry, conventions, principalTags, ticker, state);
  }

  private Timer requestTimer(String door, String outcome, Tags extra) {
    return Timer.builder("aegis.requests").description("Gateway requests by door and outcome")
        .tags(extra).tag("door", door).tag("outcome", outcome).register(registry);
  }

  @Override
  public RequestObserver start(Exchange exchange, long startNanos) {
    return new Request(exchange, startNanos);
  }

  private TargetMeters target(String name) {
    TargetMeters m = targets.get(name);
    return m != null ? m : targets.computeIfAbsent(name, this::newTarget);
  }

  private TargetMeters newTarget(String name) {
    circuitGauge(name);
    return new TargetMeters(name);
  }

  /** Per-target counters: attempts by outcome, retries, fallbacks away from it. */
  private final class TargetMeters {
    final Counter attemptsOk;
    final Counter attemptsFailed;
    final Counter retries;
    final Counter fallbacks;

    TargetMeters(String target) {
      attemptsOk = Counter.builder("aegis.attempts").tag("target", target).tag("outcome", "success")
          .description("Provider attempts").register(registry);
      attemptsFailed = Counter.builder("aegis.attempts").tag("target", target).tag("outcome", "failure")
          .description("Provider attempts").register(registry);
      retries = Counter.builder("aegis.retries").tag("target", target)
          .description("Retries of a target").register(registry);
      fallbacks = Counter.builder("aegis.fallbacks").tag("target", target)
          .description("Times the route moved on from this target").register(registry);
    }
  }

  private record ClientKey(String operation, String provider, String requestModel, @Nullable String responseModel,
      @Nullable String errorType) {}

  /** The GenAI client meters of one tag set. */
  private final class ClientMeters {
    final Timer duration;
    final Timer timeToFirstChunk;
    final Timer timePerOutputChunk;
    final @Nullable DistributionSummary inputTokens;
    final @Nullable DistributionSummary outputTokens;
    final @Nullable Counter usageInput;
    final @Nullable Counter usageOutput;
    final @Nullable Counter usageCacheRead;
    final @Nullable Counter usageCacheWrite;
    final @Nullable Counter usageReasoning;

    ClientMeters(ClientKey k) {
      // every meter of a name has the same tag keys (Prometheus requires it): an absent value is
      // the empty string, which Prometheus treats as no label at all
      Tags tags = Tags.of(GenAiConventions.OPERATION_NAME, k.operation(), GenAiConventions.PROVIDER_NAME, k.provider(),
          GenAiConventions.REQUEST_MODEL, k.requestModel(), GenAiConventions.RESPONSE_MODEL,
          k.responseModel() == null ? "" : k.responseModel());
      Tags timed = tags.and(GenAiConventions.ERROR_TYPE, k.errorType() == null ? "" : k.errorType());
      duration = Timer.builder(conventions.duration()).description("GenAI operation duration").tags(timed)
          .register(registry);
      timeToFirstChunk = Timer.builder(conventions.timeToFirstChunk()).description("Time to the first chunk")
          .tags(timed).register(registry);
      timePerOutputChunk = Timer.builder(conventions.timePerOutputChunk())
          .description("Time between output chunks after the first").tags(timed).register(registry);
      String histogram = conventions.tokenUsage();
      if (histogram != null) {
        inputTokens = DistributionSummary.builder(histogram).baseUnit("{token}").tags(tags)
            .tag(GenAiConventions.TOKEN_TYPE, "input").description("Tokens used").register(registry);
        outputTokens = DistributionSummary.builder(histogram).baseUnit("{token}").tags(tags)
            .tag(GenAiConventions.TOKEN_TYPE, "output").description("Tokens used").register(registry);
        usageInput = usageOutput = usageCacheRead = usageCacheWrite = usageReasoning = null;
      } else {
        inputTokens = outputTokens = null;
        usageInput = usage("input_tokens", tags);
        usageOutput = usage("output_tokens", tags);
        usageCacheRead = usage("cache_read.input_tokens", tags);
        usageCacheWrite = usage("cache_write.input_tokens", tags);
        usageReasoning = usage("reasoning.output_tokens", tags);
      }
    }

    private Counter usage(String kind, Tags tags) {
      return Counter.builder(conventions.usageCounter(kind)).baseUnit("{token}").tags(tags)
          .description("Tokens used").register(registry);
    }

    void record(Usage u) {
      if (inputTokens != null) {
        inputTokens.record(u.inputTokens());
        outputTokens.record(u.outputTokens());
      } else {
        usageInput.increment(u.inputTokens());
        usageOutput.increment(u.outputTokens());
        usageCacheRead.increment(u.cacheReadTokens());
        usageCacheWrite.increment(u.cacheWriteTokens());
        usageReasoning.increment(u.reasoningTokens());
      }
    }
  }

  private ClientMeters client(ClientKey key) {
    ClientMeters m = clients.get(key);
    return m != null ? m : clients.computeIfAbsent(key, ClientMeters::new);
  }

  private void countEvent(GatewayEvent e) {
    if (e instanceof GuardrailTriggered) {
      GuardrailTriggered g = (GuardrailTriggered) e;
      registry.counter("aegis.guardrail.verdicts", "rule", g.rule(), "action", g.action(), "direction",
          g.direction()).increment();
    } else if (e instanceof LimitHit) {
      LimitHit l = (LimitHit) e;
      registry.counter("aegis.ratelimit.rejections", "limit", l.limit(), "scope", l.scope()).increment();
    } else if (e instanceof BudgetHit) {
      BudgetHit b = (BudgetHit) e;
      registry.counter("aegis.budget.rejections", "budget", b.budget(), "scope", b.scope()).increment();
    } else if (e instanceof LoadShed) {
      registry.counter("aegis.loadshed.rejections", "reason", ((LoadShed) e).reason()).increment();
    }
  }

  private final class Request extends RequestObserver {
    private final Exchange exchange;
    private final long startNanos;

    Request(Exchange exchange, long startNanos) {
      this.exchange = exchange;
      this.startNanos = startNanos;
    }

    @Override
    public TargetObserver targetStarted(String target, @Nullable URI endpoint, String providerType, String model) {
      return new Target(target(target), exchange.isEmbedding() ? GenAiConventions.OP_EMBEDDINGS : GenAiConventions.OP_CHAT,
          GenAiConventions.providerName(providerType), model, ticker.read());
    }

    @Override
    public void fallback(String fromTarget, GatewayException cause) {
      target(fromTarget).fallbacks.increment();
    }

    @Override
    public void hedgeFired(int branch) {
      hedgesFired.increment();
    }

    @Override
    public void hedgeWon(int branch) {
      hedgesWon.increment();
    }

    @Override
    public void event(GatewayEvent event) {
      countEvent(event);
    }

    @Override
    public void ended(Outcome outcome, ResponseMetadata metadata) {
      long nanos = ticker.read() - startNanos;
      int door = exchange.door().ordinal();
      int status = outcome.status().ordinal();
      Principal p = exchange.principal();
      if (principalTags) {
        String tenant = p == null || p.tenant() == null ? "" : p.tenant();
        requestTimer(DOORS[door], OUTCOMES[status], Tags.of("tenant", tenant, "principal", p == null ? "" : p.id()))
            .record(nanos, TimeUnit.NANOSECONDS);
      } else {
        requests[door][status].record(nanos, TimeUnit.NANOSECONDS);
      }
      CacheResult cache = metadata.cache();
      if (cache != null) {
        // counted from the metadata, where every cache result lands once, so misses count too
        cacheResults[cache.isHit() ? cache.similarity() == null ? 0 : 1
            : cache.status() == dev.aegis.api.cache.CacheStatus.MISS ? 2 : 3].increment();
      }
      BigDecimal cost = metadata.cost();
      if (cost != null && outcome.provider() != null) {
        ChatResponse response = outcome.response();
        String model = response != null ? response.model()
            : outcome.embeddingResponse() != null ? outcome.embeddingResponse().model() : "";
        costs.computeIfAbsent(outcome.provider() + '\u0000' + model, k -> Counter.builder("aegis.cost")
            .baseUnit("usd").tag("provider", outcome.provider()).tag("model", model)
            .description("Cost of requests in US dollars").register(registry)).increment(cost.doubleValue());
      }
    }
  }

  private final class Target extends TargetObserver {
    private final TargetMeters meters;
    private final String operation;
    private final String provider;
    private final String requestModel;
    private final long start;
    private long firstChunk;
    private long lastChunk;
    private @Nullable Duration ttfc;
    private @Nullable String responseModel;
    private @Nullable Usage usage;
    // inter-chunk gaps are kept until the end, when the tag set (response model, error) is known
    private long[] gaps = EMPTY;
    private int gapCount;

    Target(TargetMeters meters, String operation, String provider, String requestModel, long start) {
      this.meters = meters;
      this.operation = operation;
      this.provider = provider;
      this.requestModel = requestModel;
      this.start = start;
    }

    @Override
    public void attemptFailed(int attempt, GatewayException error, long nanos) {
      meters.attemptsFailed.increment();
    }

    @Override
    public void retryScheduled(int nextAttempt, Duration delay, GatewayException cause) {
      meters.retries.increment();
    }

    @Override
    public void chunk(ChatChunk chunk, long nanos) {
      if (responseModel == null && !chunk.model().isEmpty()) {
        responseModel = chunk.model();
      }
      if (chunk.usage() != null) {
        usage = chunk.usage();
      }
      if (firstChunk == 0) {
        firstChunk = nanos;
        ttfc = Duration.ofNanos(nanos - start);
      } else {
        if (gapCount == gaps.length) {
          gaps = java.util.Arrays.copyOf(gaps, Math.max(16, gapCount * 2));
        }
        gaps[gapCount++] = nanos - lastChunk;
      }
      lastChunk = nanos;
    }

    @Override
    public void succeeded(@Nullable Usage used, @Nullable String model) {
      meters.attemptsOk.increment();
      if (model != null) {
        responseModel = model;
      }
      if (used != null) {
        usage = used;
      }
    }

    @Override
    public void ended(@Nullable GatewayException error) {
      ClientMeters m = client(new ClientKey(operation, provider, requestModel,
          responseModel == null || responseModel.isEmpty() ? null : responseModel,
          error == null ? null : GenAiConventions.errorType(error)));
      m.duration.record(ticker.read() - start, TimeUnit.NANOSECONDS);
      if (ttfc != null) {
        m.timeToFirstChunk.record(ttfc);
      }
      for (int i = 0; i < gapCount; i++) {
        m.timePerOutputChunk.record(gaps[i], TimeUnit.NANOSECONDS);
      }
      if (usage != null && error == null) {
        m.record(usage);
      }
    }
  }

  private static final long[] EMPTY = new long[0];

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
