package dev.weft.core.channels.internal;

import org.jspecify.annotations.Nullable;

/** A FIFO of {@link Waiter}s, linked through the waiters themselves; guarded by the channel lock. */
final class WaitQueue {
    private @Nullable Waiter head;
    private @Nullable Waiter tail;

    void add(Waiter w) {
        w.linked = true;
        w.next = null;
        w.prev = tail;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
    }

    /** Unlinks {@code w} if it is still queued. */
    void remove(Waiter w) {
        if (!w.linked) {
            return;
        }
        Waiter p = w.prev;
        Waiter n = w.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        w.prev = null;
        w.next = null;
        w.linked = false;
    }

    /** @return the first waiter, unlinked, or null */
    @Nullable Waiter poll() {
        Waiter w = head;
        if (w != null) {
            remove(w);
        }
        return w;
    }

    /** @return whether no waiter is queued (dead ones included) */
    boolean isEmpty() {
        return head == null;
    }

    /** Drops waiters that can no longer be claimed from the front; @return whether a live one remains */
    boolean hasLive() {
        Waiter w = head;
        while (w != null && w.isDone()) {
            remove(w);
            w = head;
        }
        return w != null;
    }
}
