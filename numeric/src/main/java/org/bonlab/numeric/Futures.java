package org.bonlab.numeric;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread: its result, or its failure as it was thrown there. */
public final class Futures {

    private Futures() {
    }

    /**
     * The result of {@code f}. An unchecked exception or error thrown by the work is rethrown as it was; an
     * interrupt while waiting cancels the work, keeps the interrupt flag and becomes an
     * {@link IllegalStateException} naming {@code what} was being waited for (e.g. "certifying").
     */
    public static <T> T join(Future<T> f, String what) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }
}
