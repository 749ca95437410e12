package dev.slipway.config;

import dev.slipway.config.ConfigFile.Gate;
import java.net.URI;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Validates one environment's {@code gate:} section, naming the key of any bad value. */
final class GateValidator {

    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final String NAME = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    /** Sloth service and SLO names go into PromQL label matchers: no quotes, backslashes or spaces. */
    private static final String LABEL_VALUE = "[A-Za-z0-9_.:-]+";
    private static final String SELECTOR = "\\s*!?[A-Za-z0-9._/-]+\\s*((!?=|==)\\s*[A-Za-z0-9._-]*)?\\s*";
    private static final GateConfig.BurnWindow SHORT = new GateConfig.BurnWindow(Duration.ofHours(1), 14.4);
    private static final GateConfig.BurnWindow LONG = new GateConfig.BurnWindow(Duration.ofHours(6), 6);

    private final ConfigLoader.Validator v;
    private final String key;

    GateValidator(ConfigLoader.Validator v, String key) {
        this.v = v;
        this.key = key;
    }

    GateConfig validate(Gate g) {
        Duration timeout = v.duration(g.timeout(), Duration.ofSeconds(5), key + ".timeout");
        if (timeout.isZero()) {
            throw v.invalid(key + ".timeout", "expected a positive duration such as 5s: every check needs a time limit");
        }
        List<GateConfig.Slo> slos = slos(g.slos());
        if (!slos.isEmpty() && g.prometheus() == null) {
            throw v.invalid(key + ".prometheus", "SLOs need a Prometheus: set prometheus.url, e.g. http://prometheus:9090");
        }
        Duration replicaLag = g.replicaLag() == null ? null : v.duration(g.replicaLag(), null, key + ".replicaLag");
        if (replicaLag != null && replicaLag.isZero()) {
            throw v.invalid(key + ".replicaLag", "expected a positive duration such as 10s: the most lag a standby may "
                    + "have for a promotion to pass");
        }
        return new GateConfig(envName(g.tokenEnv(), key + ".tokenEnv"), unknown(g.unknown()), timeout, pdb(g.pdb()),
                prometheus(g.prometheus()), slos, g.migrations() == null || g.migrations(), freeze(g.freeze()),
                replicaLag, heavy(g.heavy(), g.migrations() == null || g.migrations()));
    }

    private boolean unknown(String text) {
        String t = text == null ? "fail" : text.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("fail") && !t.equals("pass")) {
            throw v.invalid(key + ".unknown", "expected fail or pass, found '" + text + "'");
        }
        return t.equals("pass");
    }

    private GateConfig.Pdb pdb(ConfigFile.Pdb p) {
        if (p == null) {
            return null;
        }
        List<String> namespaces = p.namespaces() == null ? List.of() : p.namespaces();
        for (String ns : namespaces) {
            if (ns == null || !ns.matches(NAME)) {
                throw v.invalid(key + ".pdb.namespaces", "'" + ns + "' is not a namespace name (lower case letters, "
                        + "digits and dashes)");
            }
        }
        if (p.selector() != null && !p.selector().matches(SELECTOR + "(," + SELECTOR + ")*")) {
            throw v.invalid(key + ".pdb.selector", "expected a label selector such as app.kubernetes.io/part-of=shop,"
                    + "tier!=batch; found '" + p.selector() + "'");
        }
        int min = p.minDisruptionsAllowed() == null ? 1 : p.minDisruptionsAllowed();
        if (min < 0) {
            throw v.invalid(key + ".pdb.minDisruptionsAllowed", "expected 0 or more, found " + min);
        }
        return new GateConfig.Pdb(namespaces, p.selector(), min);
    }

    private GateConfig.Prometheus prometheus(ConfigFile.Prometheus p) {
        if (p == null) {
            return null;
        }
        if (p.url() == null || !p.url().matches("https?://[^\\s/]+(/\\S*)?")) {
            throw v.invalid(key + ".prometheus.url", "expected an http(s) URL such as http://prometheus:9090, found '"
                    + p.url() + "'");
        }
        String base = p.url().endsWith("/") ? p.url() : p.url() + "/";
        return new GateConfig.Prometheus(URI.create(base), envName(p.tokenEnv(), key + ".prometheus.tokenEnv"));
    }

    private List<GateConfig.Slo> slos(List<ConfigFile.Slo> raw) {
        List<GateConfig.Slo> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; raw != null && i < raw.size(); i++) {
            GateConfig.Slo slo = slo(raw.get(i), key + ".slos[" + i + "]");
            if (!names.add(slo.name())) {
                throw v.invalid(key + ".slos[" + i + "].name", "'" + slo.name() + "' is used twice; SLO names are unique");
            }
            out.add(slo);
        }
        return out;
    }

    private GateConfig.Slo slo(ConfigFile.Slo s, String k) {
        if (s == null || s.name() == null || !s.name().matches(NAME)) {
            throw v.invalid(k + ".name", "every SLO needs a name of lower case letters, digits and dashes");
        }
        if ((s.sloth() == null) == (s.promql() == null)) {
            throw v.invalid(k, "give either sloth: {service, slo} (Sloth's recording rules) or promql: "
                    + "{budgetRemaining, burnRate}, not both and not neither");
        }
        double min = s.minBudgetRemaining() == null ? 0.0 : s.minBudgetRemaining();
        if (!(min >= 0 && min <= 1)) {
            throw v.invalid(k + ".minBudgetRemaining", "expected a share of the budget from 0 to 1 (0.25 = 25%), found " + min);
        }
        ConfigFile.Burn b = s.burnRate();
        GateConfig.BurnWindow shortWindow = window(b == null ? null : b.shortWindow(), SHORT, k + ".burnRate.short");
        GateConfig.BurnWindow longWindow = window(b == null ? null : b.longWindow(), LONG, k + ".burnRate.long");
        if (shortWindow.window().compareTo(longWindow.window()) >= 0) {
            throw v.invalid(k + ".burnRate", "the short window must be shorter than the long one");
        }
        return s.sloth() != null ? sloth(s, k, min, shortWindow, longWindow) : promql(s, k, min, shortWindow, longWindow);
    }

    private GateConfig.Slo sloth(ConfigFile.Slo s, String k, double min, GateConfig.BurnWindow shortWindow,
                                 GateConfig.BurnWindow longWindow) {
        String service = s.sloth().service();
        String slo = s.sloth().slo();
        if (service == null || slo == null || !service.matches(LABEL_VALUE) || !slo.matches(LABEL_VALUE)) {
            throw v.invalid(k + ".sloth", "service and slo are required, as Sloth names them (letters, digits, . _ : -)");
        }
        return new GateConfig.Slo(s.name(), service, slo, null, null, min, shortWindow, longWindow);
    }

    private GateConfig.Slo promql(ConfigFile.Slo s, String k, double min, GateConfig.BurnWindow shortWindow,
                                  GateConfig.BurnWindow longWindow) {
        ConfigFile.Promql q = s.promql();
        if (q.budgetRemaining() == null || q.budgetRemaining().isBlank()) {
            throw v.invalid(k + ".promql.budgetRemaining", "expected a PromQL query giving the share of budget left");
        }
        if (q.burnRate() == null || !q.burnRate().contains("$window")) {
            throw v.invalid(k + ".promql.burnRate", "expected a PromQL query with $window where the window goes, e.g. "
                    + "sum(rate(errors[$window])) / sum(rate(requests[$window])) / 0.001");
        }
        return new GateConfig.Slo(s.name(), null, null, q.budgetRemaining(), q.burnRate(), min, shortWindow, longWindow);
    }

    private GateConfig.BurnWindow window(ConfigFile.BurnWindow w, GateConfig.BurnWindow fallback, String k) {
        if (w == null) {
            return fallback;
        }
        Duration d = v.duration(w.window(), fallback.window(), k + ".window");
        if (d.isZero() || d.toMillis() % 60_000 != 0) {
            throw v.invalid(k + ".window", "expected whole minutes, such as 5m, 1h or 6h");
        }
        double max = w.max() == null ? fallback.max() : w.max();
        if (!(max > 0)) {
            throw v.invalid(k + ".max", "expected a burn rate above 0, such as 14.4, found " + max);
        }
        return new GateConfig.BurnWindow(d, max);
    }

    private List<FreezeWindow> freeze(List<ConfigFile.Freeze> raw) {
        return windows(raw, key + ".freeze", "freeze window", "refuses a promotion");
    }

    private List<FreezeWindow> windows(List<ConfigFile.Freeze> raw, String k, String what, String shown) {
        List<FreezeWindow> out = new ArrayList<>();
        for (int i = 0; raw != null && i < raw.size(); i++) {
            out.add(calendarWindow(raw.get(i), k + "[" + i + "]", what, shown));
        }
        return out;
    }

    private GateConfig.Heavy heavy(ConfigFile.Heavy h, boolean migrations) {
        if (h == null) {
            return null;
        }
        String k = key + ".heavy";
        if (!migrations) {
            throw v.invalid(k, "heavy migrations are found among the pending ones by the migrations check: remove "
                    + "migrations: false, or remove heavy");
        }
        if (h.windows() == null || h.windows().isEmpty()) {
            throw v.invalid(k + ".windows", "name at least one performance window in which heavy migrations may be "
                    + "promoted (same form as freeze windows: name, zone, days, start, end)");
        }
        Duration lock = v.duration(h.lockHeld(), Duration.ofSeconds(1), k + ".lockHeld");
        long bytes = v.size(h.rewriteSize(), 100L * 1024 * 1024, k + ".rewriteSize");
        return new GateConfig.Heavy(lock, bytes, windows(h.windows(), k + ".windows", "performance window",
                "lets a heavy migration go or names the next one"));
    }

    private FreezeWindow calendarWindow(ConfigFile.Freeze f, String k, String what, String shown) {
        if (f == null || f.name() == null || f.name().isBlank()) {
            throw v.invalid(k + ".name", "every " + what + " needs a name, shown when it " + shown);
        }
        ZoneId zone = zone(f.zone(), k + ".zone");
        if ((f.from() == null) == (f.days() == null)) {
            throw v.invalid(k, "give either from and to (a one-off window) or days (every week), not both and not neither");
        }
        if (f.days() != null) {
            return new FreezeWindow.Weekly(f.name(), zone, days(f.days(), k + ".days"),
                    time(f.start(), k + ".start"), time(f.end(), k + ".end"));
        }
        LocalDateTime from = dateTime(f.from(), k + ".from");
        LocalDateTime to = dateTime(f.to(), k + ".to");
        if (!to.isAfter(from)) {
            throw v.invalid(k + ".to", "must be after from (" + f.from() + ")");
        }
        return new FreezeWindow.Once(f.name(), zone, from, to);
    }

    private ZoneId zone(String text, String k) {
        try {
            return text == null ? ZoneId.of("UTC") : ZoneId.of(text);
        } catch (DateTimeException e) {
            throw v.invalid(k, "'" + text + "' is not a time zone; use a region such as Europe/Berlin, or UTC");
        }
    }

    private Set<DayOfWeek> days(List<String> names, String k) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String n : names) {
            DayOfWeek d = n == null ? null : java.util.Arrays.stream(DayOfWeek.values())
                    .filter(x -> x.name().startsWith(n.trim().toUpperCase(Locale.ROOT)) && n.trim().length() >= 3)
                    .findFirst().orElse(null);
            if (d == null) {
                throw v.invalid(k, "'" + n + "' is not a day; write MON, TUE, ... SUN");
            }
            days.add(d);
        }
        if (days.isEmpty()) {
            throw v.invalid(k, "name at least one day");
        }
        return days;
    }

    private LocalTime time(String text, String k) {
        try {
            return text == null ? LocalTime.MIDNIGHT : LocalTime.parse(text.trim());
        } catch (DateTimeException e) {
            throw v.invalid(k, "'" + text + "' is not a time of day; write HH:MM, e.g. 16:00");
        }
    }

    private LocalDateTime dateTime(String text, String k) {
        try {
            return LocalDateTime.parse(text.trim());
        } catch (DateTimeException | NullPointerException e) {
            throw v.invalid(k, "'" + text + "' is not a local date and time; write e.g. 2026-12-24T00:00");
        }
    }

    private String envName(String name, String k) {
        if (name != null && !name.matches(ENV_NAME)) {
            throw v.invalid(k, "expected the name of an environment variable, e.g. SLIPWAY_GATE_TOKEN");
        }
        return name;
    }
}
