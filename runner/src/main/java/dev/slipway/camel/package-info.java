/**
 * The beans the Camel routes in {@code routes/*.camel.yaml} call, and {@link dev.slipway.camel.ServeApp}, which
 * binds them and starts Camel Main. Routes only wire; each bean method is one step with its logic in
 * {@code webhook}, {@code serve}, {@code git} or {@code api}.
 */
package dev.slipway.camel;
