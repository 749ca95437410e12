package dev.slipway.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ServeConfig.ClonePreference;
import dev.slipway.env.CloneStrategy.Choice;
import dev.slipway.env.CloneStrategy.Server;
import org.junit.jupiter.api.Test;

/** The rule that picks how the golden is cloned, from what the server can do. */
class CloneStrategyTest {

    private static final long MB = 1024 * 1024;
    private static final long SMALL = CloneStrategy.FILE_COPY_FROM_BYTES - 1;
    private static final long LARGE = CloneStrategy.FILE_COPY_FROM_BYTES;

    private static Choice auto(int major, String method, long bytes) {
        return CloneStrategy.choose(ClonePreference.AUTO, new Server(major, method, bytes));
    }

    private static Choice auto(Server server) {
        return CloneStrategy.choose(ClonePreference.AUTO, server);
    }

    @Test
    void postgres18ThatClonesFilesGetsAReflinkFileCopyWhateverTheGoldensSize() {
        assertThat(auto(18, "clone", 10 * MB)).satisfies(c -> {
            assertThat(c.strategy()).isEqualTo(CloneStrategy.FILE_COPY_CLONE);
            assertThat(c.clause()).isEqualTo(" STRATEGY FILE_COPY");
            assertThat(c.reason()).contains("file_copy_method = clone");
        });
        assertThat(auto(19, "CLONE", 4096 * MB).strategy()).isEqualTo(CloneStrategy.FILE_COPY_CLONE);
    }

    @Test
    void aCloneOnAFileSystemWithoutReflinkIsRecordedAsTheFileCopyItIs() {
        Server noReflink = new Server(18, "clone", 10 * MB, CloneStrategy.FileSystem.seen("/srv/pg/data", false));

        assertThat(CloneStrategy.choose(ClonePreference.AUTO, noReflink)).satisfies(c -> {
            assertThat(c.strategy()).isEqualTo(CloneStrategy.FILE_COPY);
            assertThat(c.clause()).as("still the copy the server is set for").isEqualTo(" STRATEGY FILE_COPY");
            assertThat(c.reason()).isEqualTo("file_copy_method = clone, but /srv/pg/data's file system has no reflink: "
                    + "PostgreSQL copied every file");
        });
        assertThat(CloneStrategy.choose(ClonePreference.FILE_COPY, noReflink)).satisfies(c -> {
            assertThat(c.strategy()).isEqualTo(CloneStrategy.FILE_COPY);
            assertThat(c.reason()).startsWith("forced by serve.previews.cloneStrategy; file_copy_method = clone, but");
        });
    }

    @Test
    void aCloneOnAFileSystemThatReflinksOrThatCouldNotBeSeenIsAClone() {
        Server reflinks = new Server(18, "clone", 10 * MB, CloneStrategy.FileSystem.seen("/xfs/data", true));
        Server remote = new Server(18, "clone", 10 * MB, CloneStrategy.FileSystem.unknown("a remote server"));

        assertThat(auto(reflinks).strategy()).isEqualTo(CloneStrategy.FILE_COPY_CLONE);
        assertThat(auto(reflinks).reason()).isEqualTo("the server clones files (file_copy_method = clone)");
        assertThat(auto(remote).strategy()).isEqualTo(CloneStrategy.FILE_COPY_CLONE);
        assertThat(auto(remote).reason()).isEqualTo("the server clones files (file_copy_method = clone); whether its "
                + "file system reflinks is not known (a remote server)");
    }

    @Test
    void withoutClonesSmallGoldensAreWalLoggedAndLargeOnesFileCopied() {
        assertThat(auto(18, "copy", SMALL)).extracting(Choice::strategy, Choice::clause)
                .containsExactly(CloneStrategy.WAL_LOG, " STRATEGY WAL_LOG");
        assertThat(auto(16, null, LARGE)).extracting(Choice::strategy, Choice::clause)
                .containsExactly(CloneStrategy.FILE_COPY, " STRATEGY FILE_COPY");
        assertThat(auto(15, null, SMALL).reason()).contains("under 128 MB");
        assertThat(auto(17, null, LARGE).reason()).contains("checkpoints");
    }

    @Test
    void theThresholdIs128Megabytes() {
        assertThat(auto(16, null, 127 * MB).strategy()).isEqualTo(CloneStrategy.WAL_LOG);
        assertThat(auto(16, null, 128 * MB).strategy()).isEqualTo(CloneStrategy.FILE_COPY);
    }

    @Test
    void beforePostgres15ThereIsNoStrategyClauseAndTheFilesAreCopied() {
        assertThat(auto(13, null, SMALL)).extracting(Choice::strategy, Choice::clause)
                .containsExactly(CloneStrategy.FILE_COPY, "");
        assertThat(CloneStrategy.choose(ClonePreference.FILE_COPY, new Server(14, null, 1)).clause()).isEmpty();
    }

    @Test
    void aForcedStrategyWinsOverTheRule() {
        assertThat(CloneStrategy.choose(ClonePreference.WAL_LOG, new Server(18, "clone", LARGE)).strategy())
                .isEqualTo(CloneStrategy.WAL_LOG);
        assertThat(CloneStrategy.choose(ClonePreference.FILE_COPY, new Server(17, null, 1)).strategy())
                .isEqualTo(CloneStrategy.FILE_COPY);
        assertThat(CloneStrategy.choose(ClonePreference.FILE_COPY, new Server(18, "clone", 1)).strategy())
                .isEqualTo(CloneStrategy.FILE_COPY_CLONE);
    }

    @Test
    void walLogForcedBeforePostgres15IsRefusedNamingTheKey() {
        assertThatThrownBy(() -> CloneStrategy.choose(ClonePreference.WAL_LOG, new Server(13, null, 1)))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("serve.previews.cloneStrategy")
                .hasMessageContaining("PostgreSQL 15")
                .satisfies(e -> assertThat(((SlipwayException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    @Test
    void labelsAreWhatRecordsAndTheApiShow() {
        assertThat(CloneStrategy.FILE_COPY_CLONE.label()).isEqualTo("file_copy_clone");
        assertThat(CloneStrategy.WAL_LOG.label()).isEqualTo("wal_log");
    }
}
