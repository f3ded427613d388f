package dev.weft.core.channels;

import dev.weft.core.channels.internal.SelectImpl;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Waits for the first of several channel operations and returns what its clause computes:
 *
 * <pre>{@code
 * String r = Select.select(s -> s
 *         .onReceive(prices, p -> "price " + p)
 *         .onReceive(news, n -> "news " + n)
 *         .onSend(audit, event, () -> "audited")
 *         .onTimeout(Duration.ofSeconds(1), () -> "idle"));
 * }</pre>
 *
 * <p>Exactly one clause completes: a select that waits on several channels and is completed
 * through one of them takes nothing from, and gives nothing to, the others. The chosen clause's
 * handler runs on the selecting thread after the operation completed; its exception is the
 * select's (a checked one wrapped in {@link java.util.concurrent.CompletionException}).
 *
 * <p><b>Fairness.</b> {@link #select} is <em>biased</em>: if several channel clauses can complete
 * at once, the first one in declaration order wins, so an always-ready first channel can starve
 * the others. {@link #selectUnbiased} starts the scan at a random clause on each call (then goes
 * round in declaration order), so every ready clause has the same chance. In both, a timeout
 * clause is chosen only if no channel clause can complete at once, and once the select is
 * suspended the clause whose channel is served first wins. A closed channel counts as ready:
 * its receive clause is chosen and throws (or, with {@code onReceiveCatching}, reports the close).
 *
 * <p><b>Dispatcher:</b> the select runs on the calling coroutine (or blocks a platform thread);
 * handlers run there. <b>Cancellation:</b> if the caller is cancelled while the select waits, it
 * throws {@link java.util.concurrent.CancellationException} and no clause has taken effect; if a
 * clause completed at the same moment, that clause wins and its handler runs (the cancellation is
 * seen at the next suspension point).
 */
public final class Select {
    private Select() {
    }

    /**
     * Runs a biased select: the first clause, in declaration order, that can complete wins.
     *
     * @param clauses adds the clauses to the builder it receives
     * @param <R> the result type
     * @return the chosen clause's result
     * @throws NullPointerException if {@code clauses} is null
     * @throws IllegalArgumentException if no clause was added
     * @throws java.util.concurrent.CancellationException if the caller is cancelled while waiting
     */
    public static <R extends @Nullable Object> R select(Consumer<? super SelectBuilder<R>> clauses) {
        Objects.requireNonNull(clauses, "clauses");
        SelectImpl<R> s = new SelectImpl<>();
        clauses.accept(s);
        return s.run(false);
    }

    /**
     * Runs an unbiased select: among clauses that can complete at once, each has the same chance.
     *
     * @param clauses adds the clauses to the builder it receives
     * @param <R> the result type
     * @return the chosen clause's result
     * @throws NullPointerException if {@code clauses} is null
     * @throws IllegalArgumentException if no clause was added
     * @throws java.util.concurrent.CancellationException if the caller is cancelled while waiting
     */
    public static <R extends @Nullable Object> R selectUnbiased(Consumer<? super SelectBuilder<R>> clauses) {
        Objects.requireNonNull(clauses, "clauses");
        SelectImpl<R> s = new SelectImpl<>();
        clauses.accept(s);
        return s.run(true);
    }
}
