package dev.slipway.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the reflink probe tells that a data directory on this machine is the connected server's. */
class ReflinkProbeTest {

    private static final List<String> PID = List.of("4242", "/var/lib/postgresql/18/main", "1796630400", "5432",
            "/var/run/postgresql", "*", "  1234567  32768", "ready   ");

    @Test
    void theConnectedServersPostmasterPidHasItsPortAndStart() {
        assertThat(ReflinkProbe.sameServer(PID, 5432, 1796630400L)).isTrue();
        assertThat(ReflinkProbe.sameServer(PID, 5432, 1796630401L)).as("started a second apart").isTrue();
    }

    @Test
    void anotherServersOrAnUnreadablePostmasterPidIsNot() {
        assertThat(ReflinkProbe.sameServer(PID, 5433, 1796630400L)).as("another port").isFalse();
        assertThat(ReflinkProbe.sameServer(PID, 5432, 1796630400L + 3600)).as("another start").isFalse();
        assertThat(ReflinkProbe.sameServer(List.of("4242", "/data"), 5432, 1796630400L)).isFalse();
        assertThat(ReflinkProbe.sameServer(List.of("x", "/data", "y", "z"), 5432, 1796630400L)).isFalse();
    }
}
