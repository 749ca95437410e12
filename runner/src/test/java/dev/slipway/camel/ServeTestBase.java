package dev.slipway.camel;

import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RecordingForge;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What every serve IT has: a real PostgreSQL, a recording forge, a folder, and the serve it stops afterwards. */
@ExtendWith(PostgresExtension.class)
abstract class ServeTestBase {

    @RegisterExtension
    final RecordingForge forge = new RecordingForge();

    @TempDir
    Path dir;

    ServeFixture serve;

    @AfterEach
    void stopServe() {
        if (serve != null) {
            serve.close();
        }
    }
}
