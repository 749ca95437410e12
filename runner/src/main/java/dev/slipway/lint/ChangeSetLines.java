package dev.slipway.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Finds the line where a Liquibase changeset is declared, since Liquibase does not keep it. */
final class ChangeSetLines {

    private ChangeSetLines() {
    }

    /** The 1-based line declaring the changeset's id in YAML, JSON, XML or formatted SQL, else 1. */
    static int find(Path file, String id) {
        String quoted = Pattern.quote(id);
        Pattern declaration = Pattern.compile("(?:\\bid\\s*[:=]\\s*[\"']?" + quoted + "[\"']?(?:[\\s,}/>]|$))"
                + "|(?:--\\s*changeset\\s+[^:\\s]+:" + quoted + "(?:\\s|$))");
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (declaration.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 1;
        }
        return 1;
    }
}
