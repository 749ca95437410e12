package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * {@code serve.bindAddress}: serve listens where it is told. Bound to 127.0.0.1 it does not answer on 127.0.0.2
 * (another address of this machine's loopback interface); bound to every interface (the default) it does. The port
 * is bound once, first: the one serve reports is the one it holds.
 */
class ServeBindIT extends ServeTestBase {

    private static boolean answers(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    @Test
    void boundToLoopbackItAnswersThereOnlyAndByDefaultEverywhere(TestDatabase source, TestDatabase state)
            throws IOException {
        serve = ServeFixture.create(source, state, forge, dir, "")
                .edit(c -> c.replace("  port: 0\n", "  port: 0\n  bindAddress: 127.0.0.1\n")).start();
        int port = serve.app().port();

        assertThat(serve.app().url().toString()).isEqualTo("http://127.0.0.1:" + port + "/");
        assertThat(serve.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(answers("127.0.0.1", port)).isTrue();
        assertThat(answers("127.0.0.2", port)).as("bound to 127.0.0.1 only").isFalse();

        serve.edit(c -> c.replace("  bindAddress: 127.0.0.1\n", ""));
        try (ServeApp everywhere = serve.replica("everywhere")) {
            assertThat(answers("127.0.0.2", everywhere.port())).as("bound to 0.0.0.0").isTrue();
            assertThat(everywhere.url().toString()).isEqualTo("http://localhost:" + everywhere.port() + "/");
        }
    }

    @Test
    void anAddressThatIsNotThisMachinesStopsServeNamingTheSetting(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "")
                .edit(c -> c.replace("  port: 0\n", "  port: 0\n  bindAddress: 192.0.2.10\n"));

        assertThatThrownBy(() -> serve.replica("nowhere").close()).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("serve cannot listen on 192.0.2.10").hasMessageContaining("serve.bindAddress")
                .extracting(e -> ((SlipwayException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    /** Bound once: a port another process holds is refused at once, not found taken after serve has started half-way. */
    @Test
    void aPortAlreadyTakenStopsServeNamingTheSetting(TestDatabase source, TestDatabase state) throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            serve = ServeFixture.create(source, state, forge, dir, "")
                    .edit(c -> c.replace("  port: 0\n", "  port: " + port + "\n  bindAddress: 127.0.0.1\n"));

            assertThatThrownBy(() -> serve.replica("second").close()).isInstanceOf(SlipwayException.class)
                    .hasMessageContaining("serve cannot listen on 127.0.0.1 port " + port)
                    .hasMessageContaining("serve.port").hasMessageContaining("a free port (0 picks one)")
                    .extracting(e -> ((SlipwayException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
        }
    }
}
