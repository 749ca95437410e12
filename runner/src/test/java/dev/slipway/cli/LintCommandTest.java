package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.lint.rules.Rules;
import dev.slipway.testing.RepoFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipway lint} without a database: exit codes, formats, and the repository's own migrations. */
class LintCommandTest extends CliHarness {

    @TempDir
    Path dir;


    private Path unsafe() throws IOException {
        return unsafe(dir);
    }

    private static Path unsafe(Path dir) throws IOException {
        Files.writeString(dir.resolve("V1__create.sql"), "CREATE TABLE orders (id bigint, note varchar(10));\n");
        Files.writeString(dir.resolve("V2__index.sql"), "-- a comment, then the index\nCREATE INDEX orders_note ON orders (note);\n"
                + "ALTER TABLE orders ADD COLUMN meta json;\n");
        return dir;
    }

    @Test
    void theRepositorysOwnMigrationsAreCleanWithBothEngines() {
        assertThat(slipway("lint", "--engine", "flyway", "--location", RepoFolders.path("migrations/flyway").toString()))
                .as(out + err).isZero();
        assertThat(out).contains("0 errors, 0 warnings in 4 migrations");
        assertThat(slipway("lint", "--engine", "liquibase", "--location", RepoFolders.path("migrations/liquibase").toString()))
                .as(out + err).isZero();
        assertThat(out).contains("0 errors, 0 warnings in 4 migrations");
    }

    @Test
    void errorsExitOneAndTheTextReportNamesFileLineWhyAndTheAlternative() throws IOException {
        assertThat(slipway("lint", "--engine", "flyway", "--location", unsafe().toString())).isEqualTo(1);
        assertThat(out).contains("V2__index.sql:2:1  error    create-index-not-concurrent",
                "CREATE INDEX on existing table orders without CONCURRENTLY", "why: CREATE INDEX holds a SHARE lock",
                "instead: CREATE INDEX CONCURRENTLY", "V2__index.sql:3:1  warning  prefer-jsonb",
                "1 error, 1 warning in 2 migrations (3 statements, " + Rules.forRun(null).size() + " rules)");
    }

    @Test
    void sarifIsA210LogWithRulesAndRepositoryRelativeLocations() throws IOException {
        Path relative = Files.createDirectories(Path.of("target", "lint-sarif-" + System.nanoTime()));
        assertThat(slipway("lint", "--engine", "flyway", "--location", unsafe(relative).toString(), "--format", "sarif"))
                .isEqualTo(1);
        JsonNode log = Json.MAPPER.readTree(out);
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("$schema").asText()).endsWith("sarif-2.1.0.json");
        JsonNode run = log.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("slipway");
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertThat(rules.size()).isGreaterThan(Rules.all().size());
        JsonNode result = run.path("results").get(0);
        assertThat(result.path("ruleId").asText()).isEqualTo("create-index-not-concurrent");
        assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText()).isEqualTo("create-index-not-concurrent");
        assertThat(result.path("level").asText()).isEqualTo("error");
        JsonNode location = result.path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo(relative.resolve("V2__index.sql").toString());
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(2);
        assertThat(run.path("results").get(1).path("level").asText()).isEqualTo("warning");
    }

    @Test
    void githubAnnotationsAreEscapedWorkflowCommands() throws IOException {
        assertThat(slipway("lint", "--engine", "flyway", "--location", unsafe().toString(), "--format", "github")).isEqualTo(1);
        assertThat(out.lines().filter(l -> l.startsWith("::"))).hasSize(2);
        assertThat(out).containsPattern("(?m)^::error file=[^,]*V2__index.sql,line=2,col=1,title=slipway create-index-not-concurrent::"
                + "CREATE INDEX on existing table orders [^\\n]*%0AWhy: [^\\n]*%0AInstead: [^\\n]*$");
        assertThat(out).containsPattern("(?m)^::warning file=[^,]*V2__index.sql,line=3,");
    }

    @Test
    void jsonHasCountsFindingsAndNoTraceWithoutOne() throws IOException {
        assertThat(slipway("lint", "--engine", "flyway", "--location", unsafe().toString(), "--json")).isEqualTo(1);
        JsonNode doc = Json.MAPPER.readTree(out);
        assertThat(doc.path("errors").asInt()).isEqualTo(1);
        assertThat(doc.path("report").path("findings").get(0).path("rule").asText()).isEqualTo("create-index-not-concurrent");
        assertThat(doc.path("report").path("findings").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(doc.path("report").path("traces")).isEmpty();
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        assertThat(slipway("lint", "--engine", "flyway", "--location", unsafe().toString(), "--format", "xml")).isEqualTo(2);
        assertThat(err).contains("--format: 'xml' is not a format; use one of text, json, sarif, github");
        assertThat(slipway("lint", "--engine", "flyway", "--location", dir.toString(), "--trace")).isEqualTo(2);
        assertThat(err).contains("--trace needs the database: pass --url");
        assertThat(slipway("lint", "--engine", "flyway", "--location", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err).contains("does not exist");
    }

    @Test
    void severitiesComeFromSlipwayYaml() throws IOException {
        Path config = dir.resolve("slipway.yaml");
        Files.writeString(config, "lint:\n  rules:\n    create-index-not-concurrent: warning\n    prefer-jsonb: off\n");
        assertThat(slipway("lint", "--config", config.toString(), "--engine", "flyway", "--location", unsafe().toString()))
                .as(out + err).isZero();
        assertThat(out).contains("0 errors, 1 warning");
        Files.writeString(config, "lint:\n  rules:\n    create-index-not-concurent: warning\n");
        assertThat(slipway("lint", "--config", config.toString(), "--engine", "flyway", "--location", dir.toString())).isEqualTo(2);
        assertThat(err).contains("create-index-not-concurent", "did you mean create-index-not-concurrent");
        Files.writeString(config, "lint:\n  rules:\n    truncate: fatal\n");
        assertThat(slipway("lint", "--config", config.toString(), "--engine", "flyway", "--location", dir.toString())).isEqualTo(2);
        assertThat(err).contains("lint.rules.truncate", "expected one of error, warning, info, off, found 'fatal'");
    }

    @Test
    void listRulesPrintsEveryRuleWithItsSeverity() {
        assertThat(slipway("lint", "--list-rules")).isZero();
        Rules.all().forEach(r -> assertThat(out).contains(r.info().id()));
        assertThat(out).contains("trace-table-rewrite", "syntax-error");
    }

    @Test
    void theRepositorysOwnMigrationsAreCoveredByItsOwnMaskingRules() {
        assertThat(slipway("lint", "--engine", "flyway", "--location", RepoFolders.path("migrations/flyway").toString(),
                "--masking", RepoFolders.path("migrations/masking.yaml").toString())).as(out + err).isZero();
        assertThat(out).contains("0 errors, 0 warnings in 4 migrations (4 statements, " + Rules.all().size() + " rules)");
    }

    @Test
    void maskingRulesMakeAnUncoveredNewColumnAnErrorNamingTheLineToAdd() throws IOException {
        Path rules = dir.resolve("masking.yaml");
        Files.writeString(rules, "tables:\n  public.orders:\n    columns: {id: keep, note: hash}\n");
        Path location = unsafe(Files.createDirectories(dir.resolve("flyway")));
        assertThat(slipway("lint", "--engine", "flyway", "--location", location.toString(), "--masking", rules.toString()))
                .isEqualTo(1);
        assertThat(out).contains("V2__index.sql:3:1  error    masking-coverage", "column public.orders.meta is not "
                + "covered by the masking rules: add `meta: keep` (or a transformer) under `public.orders: columns:` in "
                + rules, "why: slipway mask is fail-closed", "2 errors, 1 warning in 2 migrations (3 statements, "
                + Rules.all().size() + " rules)");

        assertThat(slipway("lint", "--engine", "flyway", "--location", location.toString(), "--masking", rules.toString(),
                "--json")).isEqualTo(1);
        JsonNode masking = Json.MAPPER.readTree(out).path("report").path("findings").get(2);
        assertThat(masking.path("rule").asText()).isEqualTo("masking-coverage");
        assertThat(masking.path("line").asInt()).isEqualTo(3);
        assertThat(slipway("lint", "--engine", "flyway", "--location", location.toString(), "--masking", rules.toString(),
                "--format", "sarif")).isEqualTo(1);
        JsonNode run = Json.MAPPER.readTree(out).path("runs").get(0);
        JsonNode result = run.path("results").get(2);
        assertThat(result.path("ruleId").asText()).isEqualTo("masking-coverage");
        assertThat(result.path("level").asText()).isEqualTo("error");
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
        assertThat(run.path("tool").path("driver").path("rules").get(result.path("ruleIndex").asInt()).path("id").asText())
                .isEqualTo("masking-coverage");
    }

    @Test
    void slipwayYamlNamesTheMaskingRulesAndTurningTheRuleOffSkipsThem() throws IOException {
        Path location = unsafe(Files.createDirectories(dir.resolve("flyway")));
        Files.writeString(dir.resolve("masking.yaml"), "tables:\n  orders: {keep_all: true}\n");
        Path config = dir.resolve("slipway.yaml");
        Files.writeString(config, "lint:\n  masking: masking.yaml\n  rules: {create-index-not-concurrent: off}\n");
        assertThat(slipway("lint", "--config", config.toString(), "--engine", "flyway", "--location", location.toString()))
                .as(out + err).isZero();
        assertThat(out).contains("(3 statements, " + (Rules.all().size() - 1) + " rules)");

        Files.writeString(dir.resolve("masking.yaml"), "tables:\n  public.orders:\n    columns: {id: keep}\n");
        assertThat(slipway("lint", "--config", config.toString(), "--engine", "flyway", "--location", location.toString()))
                .isEqualTo(1);
        assertThat(out).contains("column public.orders.note is not covered", "column public.orders.meta is not covered");

        Files.writeString(config, "lint:\n  masking: nowhere.yaml\n  rules: {masking-coverage: off, "
                + "create-index-not-concurrent: off}\n");
        assertThat(slipway("lint", "--config", config.toString(), "--engine", "flyway", "--location", location.toString()))
                .as(out + err).isZero();
    }

    @Test
    void maskingRulesThatDoNotLoadStopTheRunNamingTheFile() throws IOException {
        Path location = unsafe(Files.createDirectories(dir.resolve("flyway")));
        Path rules = dir.resolve("masking.yaml");
        assertThat(slipway("lint", "--engine", "flyway", "--location", location.toString(), "--masking", rules.toString()))
                .isEqualTo(2);
        assertThat(err).contains("masking rules file " + rules + " does not exist; pass --masking with the path of "
                + "your masking.yaml");
        Files.writeString(rules, "tables:\n  public.orders:\n    columns: {id: keep, note: hashh}\n");
        assertThat(slipway("lint", "--engine", "flyway", "--location", location.toString(), "--masking", rules.toString()))
                .isEqualTo(2);
        assertThat(err).contains(rules + " has 1 problem:", "line 3: tables.public.orders.columns.note: unknown "
                + "transformer 'hashh'");
        assertThat(slipway("lint", "--engine", "flyway", "--location", location.toString(), "--masking", rules.toString(),
                "--json")).isEqualTo(2);
        assertThat(Json.MAPPER.readTree(out).at("/error/code").asText()).isEqualTo("MASK_RULES_INVALID");
    }

    @Test
    void liquibaseFindingsPointAtTheChangesetAndItsCommentCanSuppress() throws IOException {
        Files.writeString(dir.resolve("changelog.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: a
                      changes:
                        - createIndex: { tableName: orders, indexName: orders_note, columns: [ { column: { name: note } } ] }
                  - changeSet:
                      id: 2
                      author: a
                      comment: "slipway:allow truncate reason: orders_staging is rebuilt nightly"
                      changes:
                        - sql: { sql: TRUNCATE orders_staging }
                  - changeSet:
                      id: 3
                      author: a
                      changes:
                        - sql: { sql: CREATE INDEX CONCURRENTLY orders_x ON orders (x) }
                """);
        assertThat(slipway("lint", "--engine", "liquibase", "--location", dir.toString(), "--format", "github")).isEqualTo(1);
        assertThat(out).containsPattern("::error file=[^,]*changelog.yaml,line=3,col=1,title=slipway create-index-not-concurrent::");
        assertThat(out).containsPattern("::error file=[^,]*changelog.yaml,line=14,col=1,title=slipway concurrently-in-transaction::");
        assertThat(out).doesNotContain("title=slipway truncate");
    }
}
