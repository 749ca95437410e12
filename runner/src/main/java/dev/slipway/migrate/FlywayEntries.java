package dev.slipway.migrate;

import org.flywaydb.core.api.MigrationInfo;

/** Flyway's view of a migration in Slipway's terms. */
final class FlywayEntries {

    private FlywayEntries() {
    }

    static MigrationEntry of(MigrationInfo info) {
        String id = info.getVersion() != null ? info.getVersion().getVersion() : "R:" + info.getDescription();
        return new MigrationEntry(id, info.getDescription(), info.getScript(), state(info),
                str(info.getAppliedChecksum()), str(info.getResolvedChecksum()),
                info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant());
    }

    private static MigrationState state(MigrationInfo info) {
        return switch (info.getState()) {
            case PENDING, OUTDATED -> MigrationState.PENDING;
            case IGNORED -> MigrationState.OUT_OF_ORDER;
            case FAILED -> MigrationState.FAILED;
            case MISSING_SUCCESS, MISSING_FAILED, FUTURE_SUCCESS, FUTURE_FAILED -> MigrationState.MISSING;
            default -> info.isApplied() && info.getResolvedChecksum() != null && !info.isChecksumMatching()
                    ? MigrationState.CHECKSUM_DRIFT : MigrationState.APPLIED;
        };
    }

    private static String str(Integer checksum) {
        return checksum == null ? null : checksum.toString();
    }
}
