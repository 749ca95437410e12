package dev.slipway.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line in-process, as a user would, keeping what it printed: the base of the CLI tests. */
abstract class CliHarness {

    /** The environment variables the command sees. */
    protected final Map<String, String> env = new HashMap<>();
    protected String out;
    protected String err;

    protected int slipway(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = SlipwayCli.run(env, new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }
}
