package dev.slipway.cli;

import picocli.CommandLine.Option;

/** Where the migrations are and which tool reads them: for the commands that read migration files. */
public final class SourceFlags {

    @Option(names = "--engine", paramLabel = "flyway|liquibase", description = "migration tool ($SLIPWAY_ENGINE)")
    String engine;

    @Option(names = "--location", paramLabel = "DIR_OR_CHANGELOG", description = "Flyway migrations directory or Liquibase changelog ($SLIPWAY_LOCATION)")
    String location;
}
