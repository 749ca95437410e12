package dev.slipway.mask.copy;

/**
 * A run of masked COPY text on its way from a job's reader to its writer: whole rows of one {@link CopyTask}.
 * The last chunk of a task says so ({@code last}); a chunk without a task tells the writer that its reader
 * has no more tasks.
 *
 * @param rows  rows in {@code data[0, size)}
 * @param bytes bytes of COPY text those rows took in the source
 */
public record CopyChunk(CopyTask task, byte[] data, int size, long rows, long bytes, boolean last) {

    /** The end of a reader's work. */
    static final CopyChunk END = new CopyChunk(null, new byte[0], 0, 0, 0, true);
}
