package dev.slipway.mask.transform;

import dev.slipway.mask.catalog.SourceCatalog.Column;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code date_shift} and {@code number_noise}: values moved by a keyed, bounded amount. */
public final class ValueTransformers {

    private static final Set<String> DATES = Set.of("date", "timestamp", "timestamptz");
    private static final Map<String, BigDecimal[]> INT_RANGES = Map.of(
            "int2", new BigDecimal[] {BigDecimal.valueOf(Short.MIN_VALUE), BigDecimal.valueOf(Short.MAX_VALUE)},
            "int4", new BigDecimal[] {BigDecimal.valueOf(Integer.MIN_VALUE), BigDecimal.valueOf(Integer.MAX_VALUE)},
            "int8", new BigDecimal[] {BigDecimal.valueOf(Long.MIN_VALUE), BigDecimal.valueOf(Long.MAX_VALUE)});
    private static final Set<String> NUMBERS = Set.of("int2", "int4", "int8", "numeric", "float4", "float8");

    private ValueTransformers() {
    }

    /**
     * Shifts the date part by 1 to {@code days} days, earlier or later, the same for every date of one row
     * (keyed by the row's key), so intervals within a row are kept. Infinity and BC dates are kept.
     */
    static Transformer dateShift(ColumnRule rule, Transformers.Target target, Keyring.Key key) {
        Column c = target.column();
        if (!DATES.contains(c.baseType()) || c.array()) {
            throw Transformers.misfit("date_shift", c, "date, timestamp or timestamptz");
        }
        if (target.rowKey().isEmpty()) {
            throw new IllegalArgumentException("date_shift shifts each row by its own offset and needs a row key: the "
                    + "table has no primary key, so name one with 'key: COLUMN'");
        }
        int days = Integer.parseInt(rule.options().getOrDefault("days", "30"));
        List<Integer> keyColumns = target.rowKey();
        return (v, row) -> shift(v, offset(rowKey(row, keyColumns), key, days));
    }

    private static String rowKey(Transformer.Row row, List<Integer> columns) {
        if (columns.size() == 1) {
            return String.valueOf(row.value(columns.get(0)));
        }
        StringBuilder k = new StringBuilder();
        for (int i : columns) {
            k.append(row.value(i)).append('\u0000');
        }
        return k.toString();
    }

    private static int offset(String rowKey, Keyring.Key key, int days) {
        long n = key.number(rowKey);
        int magnitude = 1 + (int) ((n >>> 1) % days);
        return (n & 1) == 0 ? magnitude : -magnitude;
    }

    static String shift(String value, int days) {
        if (value.length() < 10 || value.endsWith(" BC") || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return value;
        }
        int y = digits(value, 0, 4);
        int m = digits(value, 5, 7);
        int d = digits(value, 8, 10);
        if (y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= monthLength(y, m)) {
            // the common case, in plain arithmetic: java.time costs a cold JVM more to compile than to run here
            long day = epochDay(y, m, d);
            long shifted = day + days;
            if (shifted < FIRST_DAY || shifted > LAST_DAY) {
                shifted = day - days;
            }
            return isoDate(shifted) + value.substring(10);
        }
        try {
            LocalDate date = date(value);
            LocalDate shifted = date.plusDays(days);
            if (shifted.getYear() < 1 || shifted.getYear() > 9999) {
                shifted = date.minusDays(days);
            }
            return shifted + value.substring(10);
        } catch (DateTimeException e) {
            return value;
        }
    }

    /** 0001-01-01 and 9999-12-31 as days since 1970-01-01: a shift that leaves them goes the other way. */
    private static final long FIRST_DAY = epochDay(1, 1, 1);
    private static final long LAST_DAY = epochDay(9999, 12, 31);

    private static int monthLength(int year, int month) {
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return month == 2 ? (leap ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date, counted in 400-year cycles of 146,097 days from
     * 0000-03-01, so that a leap day ends its year.
     */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** {@code yyyy-mm-dd} of a day from {@link #epochDay}, for years 1 to 9999. */
    private static String isoDate(long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        char[] c = {(char) ('0' + year / 1000), (char) ('0' + year / 100 % 10), (char) ('0' + year / 10 % 10),
            (char) ('0' + year % 10), '-', (char) ('0' + month / 10), (char) ('0' + month % 10), '-',
            (char) ('0' + day / 10), (char) ('0' + day % 10)};
        return new String(c);
    }

    /** The date of the first ten characters, {@code yyyy-mm-dd}; throws as {@link LocalDate#parse} does. */
    private static LocalDate date(String v) {
        int y = digits(v, 0, 4);
        int m = digits(v, 5, 7);
        int d = digits(v, 8, 10);
        // anything but plain digits goes to the ISO parser, which decides as it always did
        return y < 0 || m < 0 || d < 0 ? LocalDate.parse(v.substring(0, 10)) : LocalDate.of(y, m, d);
    }

    /** The number written by ASCII digits {@code [from, to)} of {@code s}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * Multiplies by a keyed factor within {@code 1 ± ratio}, keeps the value's scale and the type's range,
     * and always changes the value by at least one unit of its last digit.
     */
    static Transformer numberNoise(ColumnRule rule, Column c, Keyring.Key key) {
        if (!NUMBERS.contains(c.baseType()) || c.array()) {
            throw Transformers.misfit("number_noise", c, "integer, numeric, real or double precision");
        }
        double ratio = Double.parseDouble(rule.options().getOrDefault("ratio", "0.1"));
        BigDecimal[] range = INT_RANGES.get(c.baseType());
        BigDecimal limit = numericLimit(c.type());
        return (v, row) -> noise(v, ratio, key.number(v), range, limit);
    }

    private static String noise(String v, double ratio, long n, BigDecimal[] range, BigDecimal limit) {
        BigDecimal value;
        try {
            value = new BigDecimal(v);
        } catch (NumberFormatException e) {
            return v; // NaN, Infinity
        }
        double u = ((n >>> 11) * 0x1.0p-53) * 2 - 1;
        BigDecimal out = value.multiply(BigDecimal.valueOf(1 + u * ratio)).setScale(Math.max(0, value.scale()),
                RoundingMode.HALF_EVEN);
        if (out.compareTo(value) == 0) {
            BigDecimal unit = BigDecimal.ONE.movePointLeft(Math.max(0, value.scale()));
            out = u >= 0 || value.signum() > 0 && value.compareTo(unit) <= 0 ? value.add(unit) : value.subtract(unit);
        }
        return clamp(out, range, limit).toPlainString();
    }

    private static BigDecimal clamp(BigDecimal v, BigDecimal[] range, BigDecimal limit) {
        BigDecimal lo = range != null ? range[0] : limit == null ? null : limit.negate();
        BigDecimal hi = range != null ? range[1] : limit;
        if (hi != null && v.compareTo(hi) > 0) {
            return hi.setScale(v.scale(), RoundingMode.DOWN);
        }
        return lo != null && v.compareTo(lo) < 0 ? lo.setScale(v.scale(), RoundingMode.DOWN) : v;
    }

    /** The largest value of numeric(p,s) ({@code 10^(p-s) - 10^-s}), or null for unconstrained types. */
    private static BigDecimal numericLimit(String type) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("numeric\\((\\d+),(\\d+)\\)").matcher(type);
        if (!m.find()) {
            return null;
        }
        int p = Integer.parseInt(m.group(1));
        int s = Integer.parseInt(m.group(2));
        return BigDecimal.ONE.movePointRight(p - s).subtract(BigDecimal.ONE.movePointLeft(s));
    }
}
