package dev.weft.rxjava3.internal;

import io.reactivex.rxjava3.exceptions.UndeliverableException;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.concurrent.CancellationException;

/**
 * Hands an error that can no longer reach any consumer to {@link RxJavaPlugins#onError}, the place
 * RxJava users route them to, once: as an {@link UndeliverableException} whose cause is the
 * original, with a suppressed {@link Origin} naming the weft conversion that dropped it (RxJava's
 * own message cannot say where the error came from).
 */
public final class Undeliverable {

    private Undeliverable() {
    }

    /**
     * Reports {@code error}, unless it is a {@link CancellationException} (the expected outcome of a
     * disposed subscription, not an error).
     *
     * @param error the error nobody can receive
     * @param where the conversion and the reason, for example
     *              {@code "rxSingle(block): the block failed after the SingleObserver disposed"}
     */
    public static void report(Throwable error, String where) {
        if (error instanceof CancellationException) {
            return;
        }
        UndeliverableException u = new UndeliverableException(error);
        u.addSuppressed(new Origin("weft: " + where));
        RxJavaPlugins.onError(u);
    }

    /** Says which weft conversion could not deliver an error; carries no stack trace of its own. */
    public static final class Origin extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Origin(String message) {
            super(message, null, false, false);
        }
    }
}
