package dev.slipway.gate;

/**
 * What a PodDisruptionBudget says about itself, as read from the API server.
 *
 * @param generation         {@code metadata.generation}; {@code null} when the server did not set it
 * @param observedGeneration {@code status.observedGeneration}: the spec generation the controller last acted on
 * @param disruptionAllowed  the {@code DisruptionAllowed} condition's status ({@code True}, {@code False},
 *                           {@code Unknown}), {@code null} when absent
 * @param conditionReason    that condition's reason, e.g. {@code InsufficientPods}
 */
public record PdbStatus(String namespace, String name, Long generation, Long observedGeneration,
                        Integer disruptionsAllowed, Integer currentHealthy, Integer desiredHealthy,
                        String disruptionAllowed, String conditionReason) {

    public String id() {
        return namespace + "/" + name;
    }
}
