package dev.slipway.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * A time when promotion is refused, read in its own time zone so that "from Friday 16:00 in Berlin" stays 16:00
 * across daylight-saving changes. Pure.
 */
public sealed interface FreezeWindow {

    String name();

    ZoneId zone();

    /** Whether {@code at} falls inside the window: start included, end excluded. */
    boolean covers(Instant at);

    /** The window as a person reads it, for reasons and the verdict's inputs. */
    String describe();

    /** When the window next opens strictly after {@code after}; empty for a one-off window already begun or past. */
    Optional<Instant> nextStart(Instant after);

    /** Once, from one local date-time to another. */
    record Once(String name, ZoneId zone, LocalDateTime from, LocalDateTime to) implements FreezeWindow {
        @Override
        public boolean covers(Instant at) {
            LocalDateTime local = LocalDateTime.ofInstant(at, zone);
            return !local.isBefore(from) && local.isBefore(to);
        }

        @Override
        public String describe() {
            return from + " to " + to + " " + zone;
        }

        @Override
        public Optional<Instant> nextStart(Instant after) {
            Instant start = from.atZone(zone).toInstant();
            return start.isAfter(after) ? Optional.of(start) : Optional.empty();
        }
    }

    /**
     * Every week on {@code days}, from {@code start} to {@code end} local time; an end at or before the start runs
     * past midnight into the next day (Friday 18:00 to 08:00 covers Saturday 07:00).
     */
    record Weekly(String name, ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end) implements FreezeWindow {
        public Weekly {
            days = Set.copyOf(days);
        }

        @Override
        public boolean covers(Instant at) {
            ZonedDateTime local = at.atZone(zone);
            LocalTime time = local.toLocalTime();
            if (end.isAfter(start)) {
                return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
            }
            return days.contains(local.getDayOfWeek()) && !time.isBefore(start)
                    || days.contains(local.getDayOfWeek().minus(1)) && time.isBefore(end);
        }

        /**
         * The first start time on one of the days after {@code after}, in the zone's local time: a start that falls in a
         * daylight-saving gap opens as late as the gap is long (02:30 on the night clocks skip from 02:00 to 03:00 opens at 03:30).
         */
        @Override
        public Optional<Instant> nextStart(Instant after) {
            LocalDate day = after.atZone(zone).toLocalDate();
            for (int i = 0; i <= 8; i++, day = day.plusDays(1)) {
                Instant start = ZonedDateTime.of(day, start(), zone).toInstant();
                if (days.contains(day.getDayOfWeek()) && start.isAfter(after)) {
                    return Optional.of(start);
                }
            }
            return Optional.empty();
        }

        @Override
        public String describe() {
            return days.stream().sorted().map(d -> d.name().substring(0, 3)).toList() + " " + start + "-" + end + " "
                    + zone;
        }
    }
}
