package dev.weft.flow;

import dev.weft.flow.internal.SharingStrategies;
import java.time.Duration;

/**
 * When a shared upstream collection ({@code shareIn}, {@code stateIn}) starts and stops. A strategy
 * turns the number of subscribers of the shared flow into a flow of {@link SharingCommand}s; the
 * sharing coroutine starts the upstream collection on {@link SharingCommand#START}, cancels it on
 * {@link SharingCommand#STOP}, and also resets the replay cache on
 * {@link SharingCommand#STOP_AND_RESET_REPLAY_CACHE}. Repeated equal commands are ignored.
 *
 * <p>Three strategies are built in: {@link #EAGERLY}, {@link #LAZILY} and
 * {@link #whileSubscribed(Duration, Duration)}. A custom one implements
 * {@link #command(StateFlow)}.
 *
 * <p><b>Dispatcher:</b> the command flow is collected by the sharing coroutine, in the scope given
 * to {@code shareIn}/{@code stateIn}. <b>Cancellation:</b> cancelling that scope ends the command
 * flow and the upstream collection together. If the command flow completes, the sharing coroutine
 * keeps the upstream collection it last started running.
 */
@FunctionalInterface
public interface SharingStarted {

    /**
     * Starts sharing at once and never stops (upstream is collected even with no subscriber).
     */
    SharingStarted EAGERLY = SharingStrategies.EAGERLY;

    /**
     * Starts sharing when the first subscriber appears and never stops. The first subscriber sees
     * every element; later ones see the replay cache and what follows.
     */
    SharingStarted LAZILY = SharingStrategies.LAZILY;

    /**
     * Returns the commands for the sharing coroutine, given the number of subscribers of the
     * shared flow. Its first collection of {@code subscriptionCount} sees every change since
     * {@code shareIn}/{@code stateIn} was called, even though the sharing coroutine starts later.
     *
     * @param subscriptionCount the number of subscribers, current and future
     * @return the commands; equal consecutive commands are ignored
     */
    Flow<SharingCommand> command(StateFlow<Integer> subscriptionCount);

    /**
     * Like {@link #whileSubscribed(Duration, Duration)} with no stop delay and a replay cache that
     * never expires: sharing stops as soon as the last subscriber leaves.
     *
     * @return the strategy
     */
    static SharingStarted whileSubscribed() {
        return SharingStrategies.whileSubscribed(Duration.ZERO, SharingStrategies.FOREVER);
    }

    /**
     * Like {@link #whileSubscribed(Duration, Duration)} with a replay cache that never expires.
     *
     * @param stopTimeout how long to keep sharing after the last subscriber left
     * @return the strategy
     * @throws NullPointerException if {@code stopTimeout} is null
     * @throws IllegalArgumentException if {@code stopTimeout} is negative
     */
    static SharingStarted whileSubscribed(Duration stopTimeout) {
        return SharingStrategies.whileSubscribed(stopTimeout, SharingStrategies.FOREVER);
    }

    /**
     * Shares while there are subscribers: starts when the first subscriber appears; when the last
     * one leaves, waits {@code stopTimeout} (a subscriber arriving meanwhile keeps the sharing
     * going) and then stops the upstream collection; after another {@code replayExpiration}
     * without subscribers it resets the replay cache (a state flow returns to its initial value).
     * A subscriber arriving after the stop starts the upstream collection again.
     *
     * <p>A duration too long to express in nanoseconds (such as
     * {@code ChronoUnit.FOREVER.getDuration()}) means "never". Time is measured by the sharing
     * coroutine's dispatcher.
     *
     * @param stopTimeout how long to keep sharing after the last subscriber left; zero stops at once
     * @param replayExpiration how long to keep the replay cache after stopping; zero resets it at once
     * @return the strategy
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a duration is negative
     */
    static SharingStarted whileSubscribed(Duration stopTimeout, Duration replayExpiration) {
        return SharingStrategies.whileSubscribed(stopTimeout, replayExpiration);
    }
}
