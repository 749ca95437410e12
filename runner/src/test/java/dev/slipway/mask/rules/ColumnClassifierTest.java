package dev.slipway.mask.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.mask.rules.ColumnClassifier.Facts;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColumnClassifierTest {

    private static Facts text(String table, String column, List<String> samples) {
        return new Facts(table, column, "text", 'S', false, false, -1, false, false, false, true, false, samples, Set.of());
    }

    @Test
    void emailsArePickedByNameOrByTheirValuesAndTheWhyNeverQuotesAValue() {
        var byName = ColumnClassifier.suggest(text("customers", "email", List.of()));
        var byValues = ColumnClassifier.suggest(text("customers", "contact", List.of("ann@x.org", "bo@y.com",
                "cy@z.net", "di@w.io", "ed@v.de")));

        assertThat(byName.rule()).isEqualTo("{transformer: email}");
        assertThat(byValues.rule()).isEqualTo("{transformer: email}");
        assertThat(byValues.why()).contains("5 of 5 sampled values look like emails").doesNotContain("ann@x.org");
    }

    @Test
    void keysStayKeysAndUniqueColumnsGetAnOutputThatStaysUnique() {
        Facts fk = new Facts("orders", "customer_email", "text", 'S', false, true, -1, false, true, false, true, false,
                List.of(), Set.of());
        Facts uniquePhone = new Facts("users", "phone", "varchar", 'S', false, true, 20, false, false, true, true, false,
                List.of(), Set.of());
        Facts uniqueName = new Facts("users", "full_name", "text", 'S', false, true, -1, false, false, true, true, false,
                List.of(), Set.of());

        assertThat(ColumnClassifier.suggest(fk).rule()).isEqualTo("keep");
        assertThat(ColumnClassifier.suggest(uniquePhone).rule()).isEqualTo("{transformer: hash, length: 20}");
        assertThat(ColumnClassifier.suggest(uniqueName).rule()).startsWith("{transformer: hash");
    }

    @Test
    void namesSecretsAddressesFreeTextAndDatesOfBirthAreMaskedTheRestKept() {
        assertThat(ColumnClassifier.suggest(text("customers", "name", List.of())).rule()).isEqualTo("name");
        assertThat(ColumnClassifier.suggest(text("products", "name", List.of())).rule()).isEqualTo("keep");
        assertThat(ColumnClassifier.suggest(text("users", "first_name", List.of())).rule()).isEqualTo("first_name");
        assertThat(ColumnClassifier.suggest(text("users", "password_hash", List.of())).rule()).startsWith("{transformer: hash");
        assertThat(ColumnClassifier.suggest(text("users", "api_token", List.of())).rule()).startsWith("{transformer: hash");
        assertThat(ColumnClassifier.suggest(text("users", "street_address", List.of())).rule()).startsWith("{transformer: hash");
        assertThat(ColumnClassifier.suggest(text("orders", "notes", List.of())).rule()).isEqualTo("'null'");
        assertThat(ColumnClassifier.suggest(text("orders", "status", List.of("paid", "open"))).rule()).isEqualTo("keep");
        Facts dob = new Facts("users", "birth_date", "date", 'D', false, false, -1, false, false, false, true, false,
                List.of(), Set.of());
        Facts placed = new Facts("orders", "placed_at", "timestamptz", 'D', false, true, -1, false, false, false, true, false,
                List.of(), Set.of());
        assertThat(ColumnClassifier.suggest(dob).rule()).isEqualTo("{transformer: date_shift, days: 30}");
        assertThat(ColumnClassifier.suggest(placed).rule()).isEqualTo("keep");
    }

    @Test
    void aColumnACheckConstrainsIsKeptForReviewNotMaskedIntoAFailure() {
        Facts zip = new Facts("customers", "zip", "text", 'S', false, false, -1, false, false, false, true, true,
                List.of(), Set.of());

        assertThat(ColumnClassifier.suggest(zip).rule()).isEqualTo("keep");
        assertThat(ColumnClassifier.suggest(zip).why()).startsWith("REVIEW: name says address").contains("CHECK");
    }

    @Test
    void jsonDocumentsGetPathsForTheKeysThatLookPersonalAndInetColumnsAFittingConstant() {
        Facts profile = new Facts("users", "profile", "jsonb", 'U', false, false, -1, false, false, false, true, false,
                List.of(), Set.of("email", "phone", "theme"));
        Facts ip = new Facts("logins", "ip", "inet", 'I', false, true, -1, false, false, false, true, false, List.of(), Set.of());

        assertThat(ColumnClassifier.suggest(profile).rule()).isEqualTo("{transformer: json, paths: {email: email, "
                + "phone: phone}}");
        assertThat(ColumnClassifier.suggest(ip).rule()).isEqualTo("{transformer: constant, value: '192.0.2.1'}");
    }
}
