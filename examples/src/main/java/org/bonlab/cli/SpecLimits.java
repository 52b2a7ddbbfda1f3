package org.bonlab.cli;

import picocli.CommandLine.Option;

/** The options of the commands that run a spec (check, tighten): threads for certification and search, and a time limit. */
final class SpecLimits {

    /** The default limit on a whole run, spec included: a spec that loops forever is stopped. */
    static final int DEFAULT_TIMEOUT_SECONDS = 600;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
            description = "Threads for certifying claims over the simplex and for the counterexample search's "
                    + "random phase and its climbs from the points closest to tight (default 0: every core); the "
                    + "results do not depend on it.")
    int threads;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + DEFAULT_TIMEOUT_SECONDS,
            description = "Time limit for the whole run, the spec's own code included (default "
                    + DEFAULT_TIMEOUT_SECONDS + " s); past it, exit 2.")
    int timeout;

    /** The number of threads to use, after checking both options. */
    int cores() {
        if (timeout < 1) {
            throw new BadInputException("--timeout must be at least 1 second, but was " + timeout);
        }
        if (threads < 0 || threads > 1024) {
            throw new BadInputException("--threads must be from 1 to 1024, or 0 for every core, but was " + threads);
        }
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
