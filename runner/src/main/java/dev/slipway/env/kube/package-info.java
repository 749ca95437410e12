/**
 * The {@code kubernetes} environment provider: one namespace per preview, restored from the masked golden
 * VolumeSnapshot through a pre-provisioned VolumeSnapshotContent, with PostgreSQL as a StatefulSet of one. The
 * manifests are the templates in the repository's {@code ephemeral/} folder ({@link dev.slipway.env.kube.ManifestTemplates});
 * every call goes through the fabric8 client; state lives in labels and annotations ({@link dev.slipway.env.kube.PreviewLabels}).
 */
package dev.slipway.env.kube;
