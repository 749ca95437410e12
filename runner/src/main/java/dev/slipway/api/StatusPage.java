package dev.slipway.api;

import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.serve.BackfillBoard;
import dev.slipway.serve.DeliveryRow;
import dev.slipway.serve.EventRow;
import dev.slipway.serve.Leadership;
import dev.slipway.serve.RunRow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The page at {@code /}: previews with their state and last build, the backfills of their builds (running and paused
 * first, with why), recent webhook deliveries and preview events. Plain server-rendered HTML that refreshes itself; every value is escaped. Thread-safe.
 */
public final class StatusPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #d0d7de}
            th{background:#f6f8fa;white-space:nowrap}code{font-size:12px}.muted{color:#57606a}
            .branch{display:inline-block;max-width:30em;overflow-wrap:anywhere}.error{color:#82071e}.nowrap{white-space:nowrap}
            .state{display:inline-block;padding:2px 10px;border-radius:12px;color:#fff;font-weight:600}
            .ready{background:#1a7f37}.failed{background:#cf222e}.building,.pending{background:#9a6700}
            .queued,.expired,.blocked,.none{background:#6e7781}
            .running{background:#0969da}.paused{background:#9a6700}.finished{background:#1a7f37}
            """;

    private final String repo;

    public StatusPage(String repo) {
        this.repo = repo;
    }

    public String render(List<PreviewView> previews, List<BackfillBoard.Entry> backfills, List<DeliveryRow> deliveries,
                         List<EventRow> events, Leadership leadership) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"10\">")
                .append("<title>Slipway previews: ").append(esc(repo)).append("</title><style>").append(STYLE)
                .append("</style></head><body><h1>Slipway previews</h1><p class=\"muted\">").append(esc(repo))
                .append(" · instance ").append(esc(leadership.identity())).append(" (")
                .append(leadership.isLeader() ? "leader" : "standby").append(") · ").append(TIME.format(Instant.now()))
                .append("</p>");
        previews(h, previews);
        backfills(h, backfills);
        deliveries(h, deliveries);
        events(h, events);
        return h.append("</body></html>").toString();
    }

    private static void previews(StringBuilder h, List<PreviewView> previews) {
        h.append("<h2>Previews (").append(previews.size()).append(")</h2>");
        if (previews.isEmpty()) {
            h.append("<p class=\"muted\" id=\"no-previews\">No open pull requests.</p>");
            return;
        }
        h.append("<table id=\"previews\"><tr><th>Pull request</th><th>Branch</th><th>State</th><th>Head</th>")
                .append("<th>Database</th><th>Last build</th></tr>");
        for (PreviewView v : previews) {
            h.append("<tr class=\"preview\" data-pr=\"").append(esc(v.pr())).append("\"><td>#").append(esc(v.pr()))
                    .append(" <span class=\"muted\">").append(esc(v.prState())).append("</span></td><td><span class=\"branch\">")
                    .append(esc(v.branch())).append("</span></td><td><span class=\"state ").append(esc(v.state())).append("\">")
                    .append(esc(v.state())).append("</span>").append(v.detail() == null ? "" : "<br><span class=\"muted\">"
                            + esc(v.detail()) + "</span>").append("</td><td><code>")
                    .append(esc(v.head() == null ? "" : v.head().substring(0, Math.min(10, v.head().length()))))
                    .append("</code></td><td><code>").append(esc(v.preview())).append("</code></td><td>");
            lastRun(h, v.lastRun());
            h.append("</td></tr>");
        }
        h.append("</table>");
    }

    /**
     * The build's state (linking to its JSON), summary, error unless the summary says it, how the preview was cloned,
     * and when it ran.
     */
    private static void lastRun(StringBuilder h, RunRow run) {
        if (run == null) {
            return;
        }
        h.append("<a href=\"/api/v1/runs/").append(run.id()).append("\">").append(esc(run.state())).append("</a> ")
                .append(esc(run.summary()));
        if (run.error() != null && (run.summary() == null || !run.summary().contains(run.error()))) {
            h.append("<br><span class=\"error\">").append(esc(run.error())).append("</span>");
        }
        if (run.cloneStrategy() != null) {
            h.append("<br><span class=\"muted clone\">cloned with ").append(esc(run.cloneStrategy())).append(" in ")
                    .append(run.cloneMillis()).append(" ms</span>");
        }
        Instant at = run.finishedAt() != null ? run.finishedAt() : run.startedAt();
        if (at != null) {
            h.append("<br><span class=\"muted nowrap\">").append(run.finishedAt() != null ? "finished " : "started ")
                    .append(TIME.format(at)).append("</span>");
        }
    }

    /** Shown only when a build ran a backfill: most previews have none. */
    private static void backfills(StringBuilder h, List<BackfillBoard.Entry> backfills) {
        if (backfills.isEmpty()) {
            return;
        }
        h.append("<h2>Backfills</h2><table id=\"backfills\"><tr><th>Preview</th><th>Migration</th><th>Table</th>")
                .append("<th>State</th><th>Rows</th><th>Rate</th><th>Paused</th><th>Updated</th></tr>");
        for (BackfillBoard.Entry e : backfills) {
            BackfillStatus s = e.status();
            h.append("<tr class=\"backfill\"><td><code>").append(esc(e.preview())).append("</code></td><td>")
                    .append(esc(s.migration())).append("</td><td>").append(esc(s.table()))
                    .append("</td><td><span class=\"state ").append(esc(s.state())).append("\">").append(esc(s.state()))
                    .append("</span>").append(s.reason() == null ? "" : "<br><span class=\"muted\">" + esc(s.reason())
                            + "</span>").append("</td><td class=\"nowrap\">").append(rows(s)).append("</td><td class=\"nowrap\">")
                    .append(String.format(Locale.ROOT, "%,.0f rows/s", s.rowsPerSecond())).append("</td><td>")
                    .append(esc(s.pauses())).append("</td><td class=\"nowrap\">")
                    .append(TIME.format(s.updatedAt())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String rows(BackfillStatus s) {
        String done = String.format(Locale.ROOT, "%,d", s.rowsDone());
        if (s.rowsEstimate() <= 0 || "finished".equals(s.state())) {
            return done;
        }
        return done + String.format(Locale.ROOT, " of ~%,d", s.rowsEstimate());
    }

    private static void deliveries(StringBuilder h, List<DeliveryRow> deliveries) {
        h.append("<h2>Recent webhook deliveries</h2>");
        if (deliveries.isEmpty()) {
            h.append("<p class=\"muted\" id=\"no-deliveries\">No webhook deliveries yet.</p>");
            return;
        }
        h.append("<table id=\"deliveries\"><tr><th>Received</th><th>Forge</th>")
                .append("<th>Event</th><th>Result</th><th>Details</th><th>Delivery</th></tr>");
        for (DeliveryRow d : deliveries) {
            h.append("<tr><td class=\"nowrap\">").append(TIME.format(d.receivedAt())).append("</td><td>").append(esc(d.forge()))
                    .append("</td><td>").append(esc(d.event())).append(d.action() == null ? "" : " " + esc(d.action()))
                    .append("</td><td class=\"nowrap\">").append(d.status()).append(' ').append(esc(d.result()))
                    .append(d.repeats() > 0 ? " (+" + d.repeats() + " repeats)" : "").append("</td><td class=\"muted\">")
                    .append(esc(d.reason())).append("</td><td class=\"nowrap\"><code>").append(esc(d.id()))
                    .append("</code></td></tr>");
        }
        h.append("</table>");
    }

    private static void events(StringBuilder h, List<EventRow> events) {
        h.append("<h2>Recent preview events</h2>");
        if (events.isEmpty()) {
            h.append("<p class=\"muted\" id=\"no-events\">No preview events yet: drops, expiries, queueing and "
                    + "errors show here.</p>");
            return;
        }
        h.append("<table id=\"events\"><tr><th>At</th><th>Pull request</th>")
                .append("<th>What</th><th>Message</th></tr>");
        for (EventRow e : events) {
            h.append("<tr><td>").append(TIME.format(e.at())).append("</td><td>#").append(esc(e.prId()))
                    .append("</td><td>").append(esc(e.kind())).append("</td><td>").append(esc(e.message())).append("</td></tr>");
        }
        h.append("</table>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
