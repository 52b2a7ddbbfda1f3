package org.bonlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Spec;

/**
 * Runs work on a user's spec script the way every command that takes one does: the spec is compiled and loaded,
 * its code and the work run on a worker thread under a time limit, a spec that ends the process is exit code 2,
 * and every mistake in it is one line naming the spec and the rule ({@link BadInputException}).
 */
final class SpecRunner {

    private SpecRunner() {
    }

    /** Checks that {@code file} is a spec script: an existing {@code .java} file. */
    static void requireSpecFile(Path file) {
        if (!Files.isRegularFile(file) || !file.toString().endsWith(".java")) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "SPEC must be an existing .java file, but '%s' is not", file));
        }
    }

    /**
     * Loads the spec in {@code file} and applies {@code work} to it within {@code timeoutSeconds}; returns what
     * {@code work} returns (the exit code).
     *
     * @param command the command's name, for messages ("check")
     */
    static int run(String command, Path file, int timeoutSeconds, Function<Spec, Integer> work) throws Exception {
        // a spec that ends the process (System.exit in claims() or a static initialiser) must not pass: while the
        // spec is being loaded and worked on, an exit becomes exit code 2 with one line on stderr
        AtomicBoolean working = new AtomicBoolean(true);
        Thread guard = new Thread(() -> {
            if (working.get()) {
                System.err.println(String.format(Locale.ROOT, "bonlab %s: SPEC %s must return its claims, but it "
                        + "ended the process (System.exit) while being checked", command, file));
                System.err.flush();
                Runtime.getRuntime().halt(2);
            }
        }, "bonlab-" + command + "-exit-guard");
        Runtime.getRuntime().addShutdownHook(guard);
        try {
            return loadAndRun(file, timeoutSeconds, work);
        } finally {
            working.set(false);
            try {
                Runtime.getRuntime().removeShutdownHook(guard);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting already: the guard has run or will find working false
            }
        }
    }

    private static int loadAndRun(Path file, int timeoutSeconds, Function<Spec, Integer> work) throws Exception {
        Spec s = CheckCommand.load(file);
        // the spec's code and the work run on a worker thread under the time limit; a spec that loops is
        // abandoned (the command line exits, so the thread ends with the JVM)
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bonlab-spec");
            t.setDaemon(true);
            return t;
        });
        Future<Integer> result = worker.submit(() -> work.apply(s));
        try {
            return result.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new BadInputException(String.format(Locale.ROOT, "SPEC %s must finish within --timeout %d s, but "
                    + "it did not (a claim or the spec's own code runs too long)", file, timeoutSeconds));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException(String.format(Locale.ROOT, "SPEC %s failed: %s", file,
                    CheckCommand.describe(cause)), cause);
        } finally {
            worker.shutdownNow();
        }
    }

    /** The claims of a spec, each with a range: a spec that throws, returns none or a null is a mistake. */
    static List<Claim> claims(Spec s, Path file) {
        List<Claim> claims;
        try {
            claims = s.claims();
        } catch (RuntimeException | Error e) {
            throw new BadInputException(String.format(Locale.ROOT, "SPEC %s: claims() must return the claims, but it "
                    + "threw: %s", file, CheckCommand.describe(e)), e);
        }
        if (claims == null || claims.isEmpty()) {
            throw new BadInputException(String.format(Locale.ROOT, "SPEC %s: claims() must return at least one claim, "
                    + "but returned %s", file, claims == null ? "null" : "an empty list"));
        }
        for (Claim c : claims) {
            if (c == null) {
                throw new BadInputException("SPEC " + file + ": claims() must not contain null");
            }
            if (c.domain().isEmpty()) {
                throw new BadInputException(String.format(Locale.ROOT, "claim '%s' in %s must range over n (or another "
                        + "symbol) with forAll, but has no range", c.name(), file));
            }
        }
        return claims;
    }
}
