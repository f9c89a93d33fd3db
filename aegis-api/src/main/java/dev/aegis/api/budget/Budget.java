package dev.aegis.api.budget;

import dev.aegis.api.internal.Checks;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * A spending cap for a key or a tenant, per calendar period (day, ISO week from Monday, month)
 * in a time zone: it resets at midnight of that zone, even with no traffic, and a day across a
 * daylight-saving change is 23 or 25 hours long, as on the calendar.
 *
 * <pre>{@code
 * Budget b = Budget.of("acme-monthly", Budget.Scope.TENANT, "250.00", Budget.Period.MONTHLY)
 *     .in(ZoneId.of("Europe/Berlin"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the name reported when the budget is exceeded
 * @param scope whose budget it is
 * @param amount the cap per period, positive
 * @param currency the currency of {@code amount}; the price table is in {@code USD}
 * @param period the period
 * @param zone the zone whose calendar the period follows
 */
public record Budget(String name, Scope scope, BigDecimal amount, String currency, Period period, ZoneId zone) {

  /** Whose budget it is. */
  public enum Scope {
    /** Each virtual key. */
    KEY,
    /** Each tenant. */
    TENANT
  }

  /** A calendar period. */
  public enum Period {
    DAILY, WEEKLY, MONTHLY;

    /** The start of the period that contains {@code now}, in {@code zone}. */
    public ZonedDateTime start(Instant now, ZoneId zone) {
      LocalDate day = now.atZone(zone).toLocalDate();
      switch (this) {
        case DAILY:
          break;
        case WEEKLY:
          day = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          break;
        case MONTHLY:
          day = day.withDayOfMonth(1);
          break;
        default:
          throw new IllegalStateException(name());
      }
      return day.atStartOfDay(zone); // the zone's rules place midnight, also on a DST day
    }

    /** The start of the period after the one starting at {@code start}. */
    public ZonedDateTime next(ZonedDateTime start) {
      LocalDate day = start.toLocalDate();
      switch (this) {
        case DAILY: return day.plusDays(1).atStartOfDay(start.getZone());
        case WEEKLY: return day.plusWeeks(1).atStartOfDay(start.getZone());
        case MONTHLY: return day.plusMonths(1).atStartOfDay(start.getZone());
        default: throw new IllegalStateException(name());
      }
    }
  }

  public Budget {
    Checks.notBlank(name, "name");
    Checks.notNull(scope, "scope");
    Checks.notNull(amount, "amount");
    Checks.notBlank(currency, "currency");
    Checks.notNull(period, "period");
    Checks.notNull(zone, "zone");
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("budget '" + name + "' must be positive but was " + amount);
    }
  }

  /** A budget in US dollars on the UTC calendar. */
  public static Budget of(String name, Scope scope, String amount, Period period) {
    return new Budget(name, scope, new BigDecimal(amount), "USD", period, ZoneOffset.UTC);
  }

  /** The same budget on another zone's calendar. */
  public Budget in(ZoneId zone) {
    return new Budget(name, scope, amount, currency, period, zone);
  }
}
