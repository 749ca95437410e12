package dev.slipway.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.beans.Introspector;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Rendered manifests checked against the Kubernetes API's schema, offline: fabric8's model classes are generated from
 * the Kubernetes OpenAPI definitions, so loading an object into them checks every field's type, and a field the
 * schema does not have (a misspelt {@code readOnlyRootFilesytem}) lands in the model's {@code additionalProperties},
 * which this walk reports with its path. An object of a kind the model does not know loads as a
 * {@link GenericKubernetesResource} and is reported as unchecked.
 */
public final class ModelCheck {

    private ModelCheck() {
    }

    /** What is wrong with {@code object}: {@code Deployment/slipway: spec.template...: unknown field "x"}; empty if none. */
    public static List<String> problems(HasMetadata object) {
        List<String> problems = new ArrayList<>();
        String subject = object.getKind() + "/" + object.getMetadata().getName();
        if (object instanceof GenericKubernetesResource) {
            problems.add(subject + ": kind " + object.getApiVersion() + " " + object.getKind()
                    + " is not in fabric8's model, so it cannot be checked");
            return problems;
        }
        walk(object, "", subject, problems);
        return problems;
    }

    private static void walk(Object value, String path, String subject, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", subject, problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "[" + k + "]", subject, problems));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            String field = name.startsWith("get") ? name.substring(3) : name.startsWith("is") ? name.substring(2) : null;
            if (field == null || field.isEmpty()) {
                continue;
            }
            Object child = invoke(getter, value);
            if (field.equals("AdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> problems.add(subject + ": " + (path.isEmpty() ? "" : path.substring(1)
                            + ".") + k + ": unknown field (not in the Kubernetes API's schema)"));
                }
                continue;
            }
            walk(child, path + "." + Introspector.decapitalize(field), subject, problems);
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return null;
        }
    }
}
