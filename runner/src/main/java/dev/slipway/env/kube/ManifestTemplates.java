package dev.slipway.env.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manifest templates of one preview ({@code ephemeral/*.yaml}), in the order they are applied. A {@code ${name}}
 * placeholder becomes the value as a YAML double-quoted scalar (a JSON string, or {@code null}), so no value can
 * change a document's structure. Immutable; thread-safe.
 */
public final class ManifestTemplates {

    /** The files, in the order the provider applies them. */
    public static final List<String> FILES = List.of("namespace.yaml", "resourcequota.yaml", "limitrange.yaml",
            "networkpolicy.yaml", "snapshotcontent.yaml", "snapshot.yaml", "pvc.yaml", "secret.yaml", "service.yaml",
            "statefulset.yaml");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private final Map<String, String> texts;

    private ManifestTemplates(Map<String, String> texts) {
        this.texts = texts;
    }

    /** The templates shipped in the jar (under {@code ephemeral/}). */
    public static ManifestTemplates fromClasspath() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String file : FILES) {
            try (InputStream in = ManifestTemplates.class.getResourceAsStream("/ephemeral/" + file)) {
                if (in == null) {
                    throw new SlipwayException(ErrorCode.INTERNAL, "ephemeral/" + file + " is missing from the jar");
                }
                texts.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new SlipwayException(ErrorCode.INTERNAL, "cannot read ephemeral/" + file + ": " + e.getMessage(), e);
            }
        }
        return new ManifestTemplates(texts);
    }

    /** The templates in a folder, such as the repository's {@code ephemeral/}. */
    public static ManifestTemplates fromFolder(Path dir) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String file : FILES) {
            try {
                texts.put(file, Files.readString(dir.resolve(file)));
            } catch (IOException e) {
                throw new SlipwayException(ErrorCode.LOCATION_INVALID, "cannot read template " + dir.resolve(file)
                        + ": " + e.getMessage(), e);
            }
        }
        return new ManifestTemplates(texts);
    }

    /** Every template with {@code values} filled in, as objects in apply order. */
    public List<HasMetadata> render(Map<String, String> values) {
        return texts.keySet().stream().map(file -> (HasMetadata) YAML.unmarshal(fill(file, values))).toList();
    }

    /** Every template with {@code values} filled in, as one multi-document YAML text with the templates' comments. */
    public String renderText(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        texts.keySet().forEach(file -> out.append("---\n# ephemeral/").append(file).append('\n')
                .append(fill(file, values).stripTrailing()).append('\n'));
        return out.toString();
    }

    private String fill(String file, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(texts.get(file));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (!values.containsKey(m.group(1))) {
                throw new SlipwayException(ErrorCode.INTERNAL, "ephemeral/" + file + " uses ${" + m.group(1)
                        + "}, which the provider does not fill");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(quoted(values.get(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }

    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
