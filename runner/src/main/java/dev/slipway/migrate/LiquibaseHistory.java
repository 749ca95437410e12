package dev.slipway.migrate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import liquibase.ChecksumVersion;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;

/**
 * Puts a parsed changelog and the rows of DATABASECHANGELOG side by side: one entry per changeset in
 * changelog order, then the applied changesets the changelog no longer has. No I/O of its own
 * (checksums of {@code sqlFile} changes read their file through Liquibase's scope).
 */
final class LiquibaseHistory {

    private LiquibaseHistory() {
    }

    /**
     * @param changeSets every changeset of the changelog, in order
     * @param runsHere   which of them Liquibase would run on this database (not ignored, dbms matches)
     * @param ran        the rows of DATABASECHANGELOG
     */
    static List<MigrationEntry> entries(List<ChangeSet> changeSets, Predicate<ChangeSet> runsHere,
                                        List<RanChangeSet> ran) {
        List<MigrationEntry> entries = new ArrayList<>();
        List<RanChangeSet> unmatched = new ArrayList<>(ran);
        for (ChangeSet changeSet : changeSets) {
            Optional<RanChangeSet> row = unmatched.stream().filter(r -> r.isSameAs(changeSet)).findFirst();
            row.ifPresent(unmatched::remove);
            if (row.isPresent()) {
                entries.add(applied(changeSet, row.get()));
            } else if (runsHere.test(changeSet)) {
                entries.add(entry(changeSet, MigrationState.PENDING, null, null));
            }
        }
        List<MigrationEntry> ordered = markOutOfOrder(entries);
        unmatched.forEach(r -> ordered.add(missing(r)));
        return ordered;
    }

    /** A changeset as it is about to run or has just run. */
    static MigrationEntry entry(ChangeSet changeSet, MigrationState state, CheckSum stored, Instant appliedAt) {
        CheckSum current = changeSet.generateCheckSum(stored == null ? ChecksumVersion.latest()
                : ChecksumVersion.enumFromChecksumVersion(stored.getVersion()));
        return new MigrationEntry(id(changeSet), description(changeSet), changeSet.getFilePath(), state,
                str(stored), str(current), appliedAt);
    }

    static String id(ChangeSet changeSet) {
        return changeSet.getStoredFilePath() + "::" + changeSet.getId() + "::" + changeSet.getAuthor();
    }

    private static MigrationEntry applied(ChangeSet changeSet, RanChangeSet row) {
        CheckSum stored = row.getLastCheckSum();
        if (LiquibaseFailedRows.marks(row)) {
            MigrationEntry e = entry(changeSet, MigrationState.FAILED, stored, appliedAt(row));
            return new MigrationEntry(e.id(), LiquibaseFailedRows.describe(row), e.script(), e.state(), e.stored(),
                    e.current(), e.appliedAt());
        }
        boolean matches = changeSet.isCheckSumValid(stored);
        MigrationState state = matches ? MigrationState.APPLIED
                : changeSet.shouldRunOnChange() ? MigrationState.PENDING : MigrationState.CHECKSUM_DRIFT;
        return entry(changeSet, state, stored, appliedAt(row));
    }

    /** A changeset never applied that comes before the last applied one would run out of order. */
    private static List<MigrationEntry> markOutOfOrder(List<MigrationEntry> entries) {
        int lastApplied = IntStream.range(0, entries.size()).filter(i -> entries.get(i).appliedAt() != null)
                .max().orElse(-1);
        return IntStream.range(0, entries.size())
                .mapToObj(i -> i < lastApplied && entries.get(i).appliedAt() == null
                        ? withState(entries.get(i), MigrationState.OUT_OF_ORDER) : entries.get(i))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static MigrationEntry missing(RanChangeSet row) {
        String description = row.getComments() != null && !row.getComments().isBlank()
                ? row.getComments() : row.getDescription();
        return new MigrationEntry(row.getChangeLog() + "::" + row.getId() + "::" + row.getAuthor(), description,
                row.getChangeLog(), MigrationState.MISSING, str(row.getLastCheckSum()), null, appliedAt(row));
    }

    private static MigrationEntry withState(MigrationEntry e, MigrationState state) {
        return new MigrationEntry(e.id(), e.description(), e.script(), state, e.stored(), e.current(), e.appliedAt());
    }

    private static String description(ChangeSet changeSet) {
        String comments = changeSet.getComments();
        return comments != null && !comments.isBlank() ? comments.trim() : changeSet.getDescription();
    }

    private static Instant appliedAt(RanChangeSet row) {
        return row.getDateExecuted() == null ? null : row.getDateExecuted().toInstant();
    }

    private static String str(CheckSum checkSum) {
        return checkSum == null ? null : checkSum.toString();
    }
}
