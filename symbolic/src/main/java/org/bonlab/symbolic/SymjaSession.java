package org.bonlab.symbolic;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The one place that runs Symja. Every call runs under a time limit on the session's own worker thread, with
 * its own evaluator (Symja's evaluators share state and are not thread-safe), and every form of "no result"
 * Symja has (null, {@code F.NIL}, {@code $Aborted}, {@code Null}, {@code Indeterminate}, a non-finite number, the
 * input returned unevaluated, an exception) becomes one explicit {@link Outcome.Failed}.
 */
final class SymjaSession implements AutoCloseable {

    static {
        // Before the first evaluator: otherwise Factor/Simplify start a non-daemon pool and the JVM hangs on exit.
        Config.JAS_NO_THREADS = true;
    }

    /** What a Symja call gave. */
    sealed interface Outcome permits Outcome.Value, Outcome.Failed {
        record Value(IExpr expr) implements Outcome {
        }

        record Failed(String reason) implements Outcome {
        }
    }

    private final Duration timeLimit;

    /**
     * One Symja thread for the process: Symja's state is global anyway, and a warm thread keeps its evaluator.
     * A thread that overran a time limit is abandoned (it is a daemon) and replaced.
     */
    private static ExecutorService worker;
    private static final java.util.concurrent.atomic.AtomicBoolean WARMING =
            new java.util.concurrent.atomic.AtomicBoolean();
    private static final ThreadLocal<ExprEvaluator> EVALUATOR = ThreadLocal.withInitial(SymjaSession::newEvaluator);

    SymjaSession(Duration timeLimit) {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "time limit must be positive, but was %s", timeLimit));
        }
        this.timeLimit = timeLimit;
    }

    Duration timeLimit() {
        return timeLimit;
    }

    /**
     * Starts Symja's initialisation (about a second, cold) on the worker thread now, so that it overlaps with
     * work that does not need Symja.
     */
    static void warmUp() {
        if (!WARMING.compareAndSet(false, true)) {
            return; // once per process: a second warm-up would only queue before real work
        }
        worker().submit(() -> {
            return EVALUATOR.get();
        });
    }

    /**
     * Evaluates {@code expr}; the result is a failure when Symja gives no usable answer within the time limit,
     * or returns the head of the call unevaluated (e.g. {@code Limit(...)} for a limit it cannot do).
     */
    Outcome eval(IExpr expr) {
        return eval(expr, timeLimit);
    }

    /** As {@link #eval(IExpr)}, with a shorter limit for this call (never longer than the session's). */
    Outcome eval(IExpr expr, Duration limit) {
        Duration timeLimit = limit.compareTo(this.timeLimit) < 0 ? limit : this.timeLimit;
        long seconds = Math.max(1, (timeLimit.toMillis() + 999) / 1000);
        return evaluate(expr, F.TimeConstrained(expr, F.ZZ(seconds), S.$Aborted), timeLimit);
    }

    /**
     * As {@link #eval(IExpr)} for small work (expanding a list of short polynomials), without Symja's
     * {@code TimeConstrained}: that starts a thread for every call, 1 to 3 ms here against 0.1 to 0.2 ms for the
     * expansion itself, and a series in a small parameter makes dozens of such calls. The wait is bounded all the
     * same (the session's time limit, then the worker is abandoned); only Symja is not told to stop.
     */
    Outcome evalSmall(IExpr expr) {
        return evaluate(expr, expr, timeLimit);
    }

    private Outcome evaluate(IExpr expr, IExpr guarded, Duration timeLimit) {
        ExecutorService w = worker();
        Future<IExpr> f = w.submit(() -> EVALUATOR.get().eval(guarded));
        try {
            IExpr r = f.get(timeLimit.toMillis() + 2000, TimeUnit.MILLISECONDS);
            return normalise(expr, r);
        } catch (TimeoutException e) {
            f.cancel(true);
            abandonWorker();
            return new Outcome.Failed(String.format(Locale.ROOT, "Symja did not finish within %d ms",
                    timeLimit.toMillis()));
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return new Outcome.Failed("Symja failed: " + c.getClass().getSimpleName()
                    + (c.getMessage() == null ? "" : ": " + c.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandonWorker();
            return new Outcome.Failed("interrupted while waiting for Symja");
        }
    }

    private static Outcome normalise(IExpr input, IExpr r) {
        if (r == null || r == F.NIL || !r.isPresent()) {
            return new Outcome.Failed("Symja returned no result");
        }
        if (r == S.$Aborted || r.equals(S.$Aborted)) {
            return new Outcome.Failed("Symja gave up ($Aborted: time limit or internal limit reached)");
        }
        if (r == S.Null || r.equals(S.Null)) {
            return new Outcome.Failed("Symja returned Null");
        }
        if (r.isIndeterminate() || r.isAST(S.Indeterminate)) {
            return new Outcome.Failed("Symja returned Indeterminate");
        }
        if (r.isNumber() && r.isNaN()) {
            return new Outcome.Failed("Symja returned NaN");
        }
        if (containsHead(r, S.Indeterminate)) {
            return new Outcome.Failed("Symja's result contains Indeterminate: " + r);
        }
        if (input instanceof IAST call && call.isPresent() && r.isAST(call.head())) {
            return new Outcome.Failed("Symja returned " + call.head() + "(...) unevaluated: " + abbreviate(r));
        }
        if (input instanceof IAST call && call.isPresent() && UNFINISHED.contains(call.head())
                && containsHead(r, call.head())) {
            return new Outcome.Failed("Symja left " + call.head() + "(...) unevaluated inside its result: "
                    + abbreviate(r));
        }
        return new Outcome.Value(r);
    }

    /** Calls whose head surviving anywhere in the result means Symja did not finish. */
    private static final java.util.Set<IExpr> UNFINISHED = java.util.Set.of(S.Limit, S.Series, S.Integrate, S.Sum);

    static boolean containsHead(IExpr e, IExpr head) {
        if (e.equals(head)) {
            return true;
        }
        if (e instanceof IAST ast) {
            if (ast.head().equals(head)) {
                return true;
            }
            for (int i = 1; i < ast.size(); i++) {
                if (containsHead(ast.get(i), head)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String abbreviate(IExpr e) {
        String s = e.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static synchronized ExecutorService worker() {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bonlab-symja");
                t.setDaemon(true); // never keeps the JVM alive
                return t;
            });
        }
        return worker;
    }

    /** A worker that timed out may still be computing; leave it (it is a daemon) and start afresh. */
    private static synchronized void abandonWorker() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    /** One evaluator per thread, silent. */
    private static ExprEvaluator newEvaluator() {
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        EvalEngine engine = new EvalEngine("bonlab", 256, silent, true);
        engine.setErrorPrintStream(silent);
        return new ExprEvaluator(engine, true, (short) 0);
    }

    /** Nothing to release: the worker thread is shared and a daemon. */
    @Override
    public void close() {
    }
}
