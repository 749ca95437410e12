package dev.slipway.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db:5432/app?password=hunter2                  | jdbc:postgresql://db:5432/app?password=***",
            "jdbc:postgresql://db/app?user=bob&password=hunter2&ssl=true     | jdbc:postgresql://db/app?user=bob&password=***&ssl=true",
            "jdbc:postgresql://db/app?sslpassword=hunter2                    | jdbc:postgresql://db/app?sslpassword=***",
            "jdbc:postgresql://db/app?ssl=true&PASSWORD=hunter2              | jdbc:postgresql://db/app?ssl=true&PASSWORD=***",
            "jdbc:postgresql://db/app?token=hunter2                          | jdbc:postgresql://db/app?token=***",
            "jdbc:postgresql://db/app?accessToken=hunter2&x=1                | jdbc:postgresql://db/app?accessToken=***&x=1",
            "jdbc:postgresql://db/app?clientSecret=hunter2                   | jdbc:postgresql://db/app?clientSecret=***",
            "jdbc:postgresql://bob:hunter2@db:5432/app                       | jdbc:postgresql://bob:***@db:5432/app",
            "jdbc:postgresql://bob:hun@ter2@db/app?password=x                | jdbc:postgresql://bob:***@db/app?password=***",
            "jdbc:postgresql://bob:hun/ter2@db/app                           | jdbc:postgresql://bob:***@db/app",
            "jdbc:postgresql://db:5432/app?user=bob                          | jdbc:postgresql://db:5432/app?user=bob",
            "jdbc:postgresql://db1:5432,db2:5433/app?targetServerType=primary | jdbc:postgresql://db1:5432,db2:5433/app?targetServerType=primary"})
    void redactsEverySecretAndNothingElse(String url, String redacted) {
        assertThat(JdbcUrls.redact(url)).isEqualTo(redacted).doesNotContain("hunter2", "ter2");
    }

    @Test
    void nullStaysNull() {
        assertThat(JdbcUrls.redact(null)).isNull();
    }

    @Test
    void scrubRemovesASecretQuotedInADriverMessage() {
        assertThat(JdbcUrls.scrub("FATAL: bad password 'hunter2' for hunter2", "hunter2"))
                .isEqualTo("FATAL: bad password '***' for ***");
        assertThat(JdbcUrls.scrub("nothing to hide", null)).isEqualTo("nothing to hide");
        assertThat(JdbcUrls.scrub("nothing to hide", "")).isEqualTo("nothing to hide");
    }
}
