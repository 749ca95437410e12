package dev.slipway.lint.report;

import dev.slipway.lint.Finding;
import dev.slipway.lint.LintReport;
import java.io.PrintWriter;

/**
 * Prints findings as GitHub Actions workflow commands ({@code ::error file=F,line=L,col=C,title=T::message}),
 * which GitHub shows as annotations on the pull request's changed lines. Values are escaped as the
 * workflow-command syntax requires, so a message cannot break out of its annotation.
 */
public final class GithubAnnotations {

    private GithubAnnotations() {
    }

    public static void write(LintReport report, PrintWriter out) {
        for (Finding f : report.findings()) {
            String command = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            out.println("::" + command + " file=" + property(f.file().replace('\\', '/')) + ",line=" + f.line()
                    + ",col=" + f.column() + ",title=" + property("slipway " + f.rule()) + "::"
                    + data(f.message() + "\nWhy: " + f.why() + "\nInstead: " + f.fix()));
        }
        out.println(TextReport.summary(report));
    }

    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
