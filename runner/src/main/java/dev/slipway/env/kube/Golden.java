package dev.slipway.env.kube;

/**
 * The masked golden a preview is restored from: its VolumeSnapshot and what the snapshot's bound content says about
 * the data (driver and handle), which a preview's pre-provisioned content repeats.
 *
 * @param restoreSize the snapshot's size as a quantity (bytes), or {@code null} when the driver did not report it
 * @param rulesHash   the masking rules' hash the snapshot is labelled with
 */
public record Golden(String namespace, String name, String contentName, String driver, String snapshotHandle,
                     String snapshotClass, String restoreSize, String rulesHash) {

    /** Stand-ins for {@code slipway preview render}, which runs without a cluster. */
    public static Golden placeholder(String namespace, String name) {
        return new Golden(namespace, name == null ? "<newest masked VolumeSnapshot>" : name, "<its bound content>",
                "<driver of the golden's content>", "<snapshot handle of the golden's content>",
                "<class of the golden's snapshot>", null, "<rules hash of the golden>");
    }

    /** {@code namespace/name}. */
    public String ref() {
        return namespace + "/" + name;
    }
}
