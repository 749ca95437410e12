package dev.slipway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RunLogSchemaVersionTest {

    @Test
    void schemaVersionIsTheNewestStateMigration() throws IOException, URISyntaxException {
        Path dir = Path.of(RunLog.class.getClassLoader().getResource("db/slipway-state").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            int newest = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max(Comparator.naturalOrder()).orElseThrow();
            assertThat(RunLog.SCHEMA_VERSION)
                    .as("RunLog.SCHEMA_VERSION must follow the newest file in db/slipway-state, or an upgrade is skipped")
                    .isEqualTo(String.valueOf(newest));
        }
    }
}
