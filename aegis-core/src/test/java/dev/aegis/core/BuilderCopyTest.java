package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.budget.Budget;
import dev.aegis.api.event.EventFilter;
import dev.aegis.api.event.EventHook;
import dev.aegis.api.health.StoreHealth;
import dev.aegis.api.health.StoreHealthCheck;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.usage.UsageSink;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.config.GatewayConfig;
import dev.aegis.core.internal.auth.InMemoryKeyStore;
import dev.aegis.core.internal.budget.InMemoryBudgetStore;
import dev.aegis.core.internal.limit.InMemoryLimiterStore;
import dev.aegis.core.internal.tokens.JtokkitEstimator;
import dev.aegis.core.internal.usage.InMemoryUsageStore;
import dev.aegis.core.resilience.RetryBudget;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Gateway.Builder#copy()}, what every build and reload starts from, carries every setting:
 * the builder's state is read by reflection (here only, in a test), so a field added to the builder
 * or to one of its option groups fails here until the fixture sets it and the copy carries it.
 */
class BuilderCopyTest {
  private static final String OPTIONS = "dev.aegis.core.internal.options";

  private final FakeTime time = new FakeTime();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  /** Real: the health probe needs a repeating task, which FakeScheduler refuses; it never fires within a test. */
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  /** Every option of the builder away from its default, a configuration file included. */
  private Gateway.Builder everySettingSet() {
    return everyCodeSetting().config(GatewayConfig.parse(
        "providers:\n  filed: {type: mock, reply: ok}\nroutes:\n  filed: {provider: filed}\n", "copy.yaml"));
  }

  /** Every option but the configuration file away from its default. */
  private Gateway.Builder everyCodeSetting() {
    EventHook hook = event -> {};
    UsageSink sink = record -> {};
    StoreHealthCheck store = () -> StoreHealth.up("store");
    return Gateway.builder()
        .provider(MockProvider.builder("mock").build())
        .provider(MockProvider.builder("local").build(), true)
        .route("smart", Strategy.fallback(Target.of("mock", "m1"), Target.of("local", "m2")))
        .route("other", Strategy.single(Target.of("local")))
        .defaultRoute("smart")
        .plugin(new RecordingPlugin("recording", new ArrayList<>()))
        .cache(ResponseCache.builder().build())
        .hook(hook, EventFilter.all())
        .hookWorkers(3)
        .meterRegistry(new SimpleMeterRegistry())
        .openTelemetry(OpenTelemetry.noop())
        .semconvLatest(true)
        .principalTags(true)
        .propagateTraceContext(true)
        .logPrompts(true)
        .store(store)
        .healthProbe(Duration.ofSeconds(7))
        .ticker(time)
        .clock(new FakeClock(Instant.parse("2026-01-02T03:04:05Z")))
        .executor(executor)
        .scheduler(scheduler)
        .requestTimeout(Duration.ofSeconds(11))
        .streamIdleTimeout(Duration.ofSeconds(12))
        .closeGracePeriod(Duration.ofSeconds(13))
        .hookQueueCapacity(14)
        .sleeper(time)
        .prices(PriceTable.of(Map.of("mock/m1", PriceTable.Price.of("1.00", "2.00"))))
        .virtualKeys(new InMemoryKeyStore())
        .limit(RateLimit.requests(RateLimit.Scope.TENANT, 100, Duration.ofMinutes(1)))
        .limiterStore(new InMemoryLimiterStore(time))
        .budget(Budget.of("monthly", Budget.Scope.TENANT, "250.00", Budget.Period.MONTHLY))
        .budgetStore(new InMemoryBudgetStore(java.time.Clock.systemUTC()))
        .budgetLowThreshold(0.25)
        .usageSink(sink)
        .usageStore(new InMemoryUsageStore(InMemoryUsageStore.defaultRetention()))
        .trackUsage(false)
        .maxInFlight(15, Duration.ofSeconds(16))
        .retryBudget(RetryBudget.of(0.5, Duration.ofSeconds(17), 18))
        .tokenEstimator(new JtokkitEstimator())
        .defaultMaxTokens(19);
  }

  @Test
  void theFixtureSetsEverySettingOfTheBuilderAndItsOptionGroups() throws Exception {
    Gateway.Builder set = everySettingSet().hookWorkers(0); // refused: one problem
    Map<String, Object> defaults = state(new Gateway.Builder());
    Map<String, Object> values = state(set);
    List<String> atDefault = new ArrayList<>();
    values.forEach((name, value) -> {
      if (Objects.equals(value, defaults.get(name))) {
        atDefault.add(name);
      }
    });
    assertThat(atDefault).as("settings the fixture leaves at their default: set them in everySettingSet()")
        .isEmpty();
    assertThat(values.keySet()).hasSize(42).contains("problems", "config", "routing.providers",
        "governance.defaultMaxTokens", "observability.healthProbe", "lifecycle.closeGrace", "plugins.cache",
        "resilience.retryBudget");
  }

  @Test
  void aCopyCarriesEverySettingAndShares_noCollectionWithTheOriginal() throws Exception {
    Gateway.Builder original = everySettingSet().hookWorkers(0);
    Gateway.Builder copy = original.copy();

    Map<String, Object> before = state(original);
    Map<String, Object> copied = state(copy);
    assertThat(copied).isEqualTo(before);
    for (Map.Entry<String, Object> e : before.entrySet()) {
      if (e.getValue() instanceof Collection || e.getValue() instanceof Map) {
        assertThat(copied.get(e.getKey())).as(e.getKey()).isNotSameAs(e.getValue());
      }
    }
    assertThat(problemLists(copy)).as("every group of the copy reports to the copy's problems")
        .allSatisfy(list -> assertThat(list).isSameAs(copy.problems));

    copy.route("third", Strategy.single(Target.of("mock"))).limit(RateLimit.concurrent(RateLimit.Scope.KEY, 2))
        .hook(event -> {}).plugin(new RecordingPlugin("second", new ArrayList<>())).requestTimeout(Duration.ZERO);
    assertThat(state(original)).as("changes to the copy leave the original as it was").isEqualTo(before);
    assertThat(copy.problems).containsExactly("hookWorkers: must be between 1 and 64 but was 0",
        "requestTimeout: must be a positive duration but was PT0S");
    assertThat(original.problems).containsExactly("hookWorkers: must be between 1 and 64 but was 0");
  }

  @Test
  void aGatewayBuiltFromACopyDescribesItselfAsTheOriginal() {
    Gateway.Builder original = everyCodeSetting();
    String fromCopy;
    try (Gateway g = original.copy().build()) {
      fromCopy = g.describe();
    }
    try (Gateway g = original.build()) {
      assertThat(g.describe()).isEqualTo(fromCopy);
      assertThat(fromCopy).contains("provider mock instance type=mock local=false",
          "provider local instance type=mock local=true", "defaultRoute smart\n", "plugin recording (RecordingPlugin)\n",
          "hooks 1 workers=3 queue=14\n", "virtualKeys InMemoryKeyStore\n", "budgetStore InMemoryBudgetStore lowThreshold=0.25\n",
          "usage track=false store=InMemoryUsageStore sinks=1\n", "loadShedding maxInFlight=15 retryAfter=PT16S\n",
          "tokens estimator=JtokkitEstimator defaultMaxTokens=19\n",
          "telemetry metrics=true traces=true semconvLatest=true principalTags=true propagateTraceContext=true"
              + " logPrompts=true\n",
          "health stores=1 probe=PT7S\n", "timeouts request=PT11S streamIdle=PT12S closeGrace=PT13S\n");
    }
  }

  /**
   * The builder's settings by name: its own fields, and each option group's as {@code group.field};
   * the problem list a group reports to is checked apart.
   */
  static Map<String, Object> state(Gateway.Builder b) throws IllegalAccessException {
    Map<String, Object> state = new LinkedHashMap<>();
    for (Field f : instanceFields(Gateway.Builder.class)) {
      Object value = f.get(b);
      if (f.getType().getPackageName().equals(OPTIONS)) {
        for (Field g : instanceFields(f.getType())) {
          if (!g.getName().equals("problems")) {
            state.put(f.getName() + "." + g.getName(), g.get(value));
          }
        }
      } else {
        state.put(f.getName(), value);
      }
    }
    return state;
  }

  private static List<Object> problemLists(Gateway.Builder b) throws IllegalAccessException {
    List<Object> lists = new ArrayList<>();
    for (Field f : instanceFields(Gateway.Builder.class)) {
      if (f.getType().getPackageName().equals(OPTIONS)) {
        Field problems = field(f.getType(), "problems");
        lists.add(problems.get(f.get(b)));
      }
    }
    assertThat(lists).hasSize(6);
    return lists;
  }

  private static List<Field> instanceFields(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
        f.setAccessible(true);
        fields.add(f);
      }
    }
    return fields;
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field f = type.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new AssertionError(type.getSimpleName() + " has no field " + name, e);
    }
  }
}
