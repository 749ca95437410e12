package dev.slipway.gate;

import java.util.List;

/**
 * One kind of check of a gate. {@link #run} may block on I/O; {@link GateEvaluator} gives it a time limit and turns
 * an overrun or an exception into an {@link CheckResult.Result#UNKNOWN} result named {@link #name}.
 */
public interface GateCheck {

    /** The name results of this check carry when it could not run at all, e.g. {@code pdb}. */
    String name();

    /** What this check looks at (queries, namespaces, migrations): stored with the verdict as its inputs. */
    Object inputs();

    /** Looks and decides; one or more results. */
    List<CheckResult> run();
}
