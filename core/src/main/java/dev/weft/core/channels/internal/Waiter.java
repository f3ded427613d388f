package dev.weft.core.channels.internal;

import org.jspecify.annotations.Nullable;

/**
 * A suspended send or receive, queued in one channel. A waiter is <em>claimed</em> at most once:
 * by a peer that completes it (a receiver taking the sender's element, a sender handing its
 * element to the receiver), by the channel closing it, or by its owner giving up (cancellation, or,
 * for a select, another clause winning). Whoever claims it decides what happened to the element, so
 * an element is never both delivered and reported undelivered, and never lost.
 *
 * <p>The queue links and {@link #item}/{@link #outcome} are guarded by the lock of the channel the
 * waiter is queued in; the claim itself is a CAS, so the owner can give up without that lock.
 */
abstract class Waiter {
    static final int WAITING = 0;
    /** The operation completed: the element was taken from (send) or handed to (receive) it. */
    static final int SUCCESS = 1;
    /** The channel was closed (receive) or cancelled (send) under the waiter. */
    static final int CLOSED = 2;
    /** The owner gave up (cancellation); only plain waiters use this state. */
    static final int CANCELLED = 3;

    @Nullable Waiter prev;
    @Nullable Waiter next;
    /** Whether the waiter is in its channel's queue. */
    boolean linked;
    /** A sender's element, or the element handed to a receiver. */
    @Nullable Object item;
    /** How the claim ended the operation: {@link #SUCCESS} or {@link #CLOSED}. */
    int outcome;

    /**
     * Claims this waiter for {@code how}, called under the channel lock after {@link #item} is set.
     *
     * @param how {@link #SUCCESS} or {@link #CLOSED}
     * @return false if the owner has already given up or been claimed through another waiter
     */
    abstract boolean tryClaim(int how);

    /** @return whether this waiter can no longer be claimed (the queue may drop it) */
    abstract boolean isDone();

    /** Wakes the owner after a successful claim; called without holding any channel lock. */
    abstract void wake();
}
