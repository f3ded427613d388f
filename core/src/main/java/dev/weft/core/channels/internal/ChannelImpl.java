package dev.weft.core.channels.internal;

import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ClosedReceiveChannelException;
import dev.weft.core.channels.ClosedSendChannelException;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.Exceptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Every weft channel: rendezvous, buffered, unlimited and conflated, with any overflow policy.
 *
 * <p><b>Structure.</b> A ring buffer plus two FIFO wait queues (suspended receivers, suspended
 * senders with their elements), all guarded by one short-held {@link SpinLock}, never held while
 * parking, waking a thread or running user code (callbacks, handlers). Invariants, under the lock:
 * a live receiver waits only while the buffer is empty and no live sender waits; a live sender
 * waits only while the buffer is full (or, rendezvous, no receiver waits).
 *
 * <p><b>Wake-ups, once per batch.</b> A sender that finds a receiver waiting hands the element
 * straight to it and wakes it; until that receiver runs again, further elements go to the buffer,
 * and it takes them without being woken again. Symmetrically, a receiver that frees a slot moves
 * the first waiting sender's element into the buffer and wakes that sender once.
 *
 * <p><b>Cancellation.</b> A waiter is claimed exactly once (see {@link Waiter}): a suspended sender
 * cancelled before a receiver claimed it takes its element back and hands it to
 * {@code onUndeliveredElement}; if a receiver claimed it first, the send completed and returns
 * normally (the caller sees its cancellation at its next suspension point).
 *
 * <p><b>Close and cancel.</b> {@code close} keeps the buffer and the suspended senders (their
 * elements were sent before the close) and wakes the waiting receivers only when nothing is left
 * for them; {@code cancel} also discards the buffer and the suspended senders' elements, handing
 * each to {@code onUndeliveredElement}.
 *
 * @param <E> the element type
 */
public final class ChannelImpl<E> extends SpinLock implements Channel<E>, ProducerTarget<E> {
    private static final AtomicLong IDS = new AtomicLong();
    private static final Object[] NO_BUFFER = new Object[0];
    private static final int OPEN = 0;
    private static final int CLOSED = 1;
    private static final int CANCELLED = 2;

    /** Results of the lock-held operations (never user elements: these objects are private). */
    static final Object EMPTY = new Marker("EMPTY");
    static final Object FULL = new Marker("FULL");
    static final Object CLOSED_RESULT = new Marker("CLOSED");

    private static final ChannelResult<?> SENT = new ChannelResult.Success<>(null);
    private static final ChannelResult<?> FAILED = new ChannelResult.Failure<>();
    private static final ChannelResult<?> CLOSED_NORMALLY = new ChannelResult.Closed<>(null);

    /** Global lock order, used by select when it locks several channels. */
    final long id = IDS.incrementAndGet();
    private final int capacity;
    private final BufferOverflow overflow;
    private final @Nullable Consumer<? super E> onUndelivered;
    private final String kind;

    // ---- guarded by lock
    private Object[] buf;
    private int head;
    private int count;
    final WaitQueue receivers = new WaitQueue();
    final WaitQueue senders = new WaitQueue();
    private @Nullable Consumer<? super @Nullable Throwable> closeHandler;
    private boolean closeHandlerSet;
    private @Nullable List<Thread> closeWaiters;

    // ---- written under lock, read without it
    private volatile int state = OPEN;
    private volatile @Nullable Throwable closeCause;

    private ChannelImpl(int capacity, BufferOverflow overflow, @Nullable Consumer<? super E> onUndelivered,
                        String kind) {
        this.capacity = capacity;
        this.overflow = overflow;
        this.onUndelivered = onUndelivered;
        this.kind = kind;
        this.buf = capacity == 0 ? NO_BUFFER : new Object[initialLength(capacity)];
    }

    /**
     * Creates a channel, mapping the capacity constants of {@link Channel} the way
     * {@link Channel#of} documents.
     */
    public static <E> ChannelImpl<E> create(int capacity, BufferOverflow overflow,
                                           @Nullable Consumer<? super E> onUndeliveredElement) {
        Objects.requireNonNull(overflow, "overflow");
        switch (capacity) {
            case Channel.RENDEZVOUS:
                if (overflow == BufferOverflow.SUSPEND) {
                    return new ChannelImpl<>(0, overflow, onUndeliveredElement, "rendezvous");
                }
                // a send that never suspends needs somewhere to put the element: a one-slot buffer
                return new ChannelImpl<>(1, overflow, onUndeliveredElement, "buffered(1, " + overflow + ")");
            case Channel.CONFLATED:
                if (overflow != BufferOverflow.SUSPEND) {
                    throw new IllegalArgumentException("CONFLATED capacity cannot be combined with overflow "
                            + overflow + " (a conflated channel is buffered(1, DROP_OLDEST))");
                }
                return new ChannelImpl<>(1, BufferOverflow.DROP_OLDEST, onUndeliveredElement, "conflated");
            case Channel.BUFFERED:
                return new ChannelImpl<>(Channel.DEFAULT_BUFFER_SIZE, overflow, onUndeliveredElement,
                        "buffered(" + Channel.DEFAULT_BUFFER_SIZE + ", " + overflow + ")");
            case Channel.UNLIMITED:
                // nothing ever overflows: the policy is irrelevant
                return new ChannelImpl<>(Channel.UNLIMITED, BufferOverflow.SUSPEND, onUndeliveredElement, "unlimited");
            default:
                if (capacity < 0) {
                    throw new IllegalArgumentException("capacity must be >= 0 or one of RENDEZVOUS (0), CONFLATED (-1), "
                            + "BUFFERED (-2), UNLIMITED (Integer.MAX_VALUE), but was " + capacity);
                }
                return new ChannelImpl<>(capacity, overflow, onUndeliveredElement,
                        "buffered(" + capacity + ", " + overflow + ")");
        }
    }

    /** The ring's first length: a power of two covering the capacity, at most 1024 (it grows). */
    private static int initialLength(int capacity) {
        int want = Math.min(capacity, 1024);
        int n = 1;
        while (n < want) {
            n <<= 1;
        }
        return n;
    }

    /**
     * Finds the weft channel behind a channel reference (a channel, a producer's receive side, a
     * producer scope).
     *
     * @throws IllegalArgumentException if it is not a weft channel
     */
    static ChannelImpl<?> of(Object channel) {
        if (channel instanceof ChannelImpl<?> c) {
            return c;
        }
        if (channel instanceof ProducerChannel<?> p) {
            return p.channel;
        }
        if (channel instanceof ProducerScope<?> s && s.channel() != channel) {
            return of(s.channel());
        }
        throw new IllegalArgumentException("not a channel made by weft: " + channel.getClass().getName());
    }

    // =================================================================== send

    @Override
    public void send(E element) {
        Objects.requireNonNull(element, "element");
        Object r;
        Parker w = null;
        lock();
        try {
            r = offerLocked(element);
            if (r == FULL) {
                w = new Parker(Thread.currentThread(), element);
                senders.add(w);
            }
        } finally {
            unlock();
        }
        if (w == null) {
            finishOffer(r);
            return;
        }
        if (await(w, senders) == Waiter.CLOSED) {
            throw sendFailure();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public ChannelResult<Void> trySend(E element) {
        Objects.requireNonNull(element, "element");
        Object r;
        lock();
        try {
            r = offerLocked(element);
        } finally {
            unlock();
        }
        if (r == FULL) {
            return (ChannelResult<Void>) FAILED;
        }
        if (r == CLOSED_RESULT) {
            return closedResult();
        }
        finishOffer(r);
        return (ChannelResult<Void>) SENT;
    }

    /**
     * The non-suspending part of a send, under the lock.
     *
     * @return null if the element was buffered (or dropped without callback), a {@link Waiter} the
     *         element was handed to (wake it), a {@link Dropped} element (report it), {@link #FULL}
     *         or {@link #CLOSED_RESULT}
     */
    @Nullable Object offerLocked(Object element) {
        if (state != OPEN) {
            return CLOSED_RESULT;
        }
        if (!receivers.isEmpty()) {
            Waiter r;
            while ((r = receivers.poll()) != null) {
                r.item = element;
                if (r.tryClaim(Waiter.SUCCESS)) {
                    return r;
                }
            }
        }
        if (count < capacity) {
            enqueue(element);
            return null;
        }
        switch (overflow) {
            case DROP_LATEST:
                return onUndelivered == null ? null : new Dropped(element);
            case DROP_OLDEST:
                Object oldest = dequeue();
                enqueue(element);
                return onUndelivered == null ? null : new Dropped(oldest);
            default:
                return FULL;
        }
    }

    /** Completes an offer outside the lock: wakes the receiver, reports a dropped element. */
    @SuppressWarnings("unchecked")
    void finishOffer(@Nullable Object r) {
        if (r == null) {
            return;
        }
        if (r instanceof Waiter w) {
            w.wake();
        } else if (r instanceof Dropped d) {
            undelivered((E) d.element);
        } else if (r == CLOSED_RESULT) {
            throw sendFailure();
        } else {
            throw new IllegalStateException("unexpected offer result " + r);
        }
    }

    // =================================================================== receive

    @Override
    public E receive() {
        Object r = receiveOrClosed();
        if (r == CLOSED_RESULT) {
            throw receiveFailure();
        }
        @SuppressWarnings("unchecked")
        E e = (E) r;
        return e;
    }

    @Override
    public ChannelResult<E> receiveCatching() {
        Object r = receiveOrClosed();
        if (r == CLOSED_RESULT) {
            return closedResult();
        }
        @SuppressWarnings("unchecked")
        E e = (E) r;
        return new ChannelResult.Success<>(e);
    }

    /** Receives, suspending while empty; @return the element or {@link #CLOSED_RESULT} */
    Object receiveOrClosed() {
        Object r;
        Parker w = null;
        lock();
        try {
            r = pollLocked();
            if (r == EMPTY) {
                w = new Parker(Thread.currentThread(), null);
                receivers.add(w);
            }
        } finally {
            unlock();
        }
        if (w == null) {
            return finishPoll(r);
        }
        if (await(w, receivers) == Waiter.SUCCESS) {
            return Objects.requireNonNull(w.item);
        }
        return CLOSED_RESULT;
    }

    @Override
    public ChannelResult<E> tryReceive() {
        Object r;
        lock();
        try {
            r = pollLocked();
        } finally {
            unlock();
        }
        if (r == EMPTY) {
            @SuppressWarnings("unchecked")
            ChannelResult<E> f = (ChannelResult<E>) FAILED;
            return f;
        }
        r = finishPoll(r);
        if (r == CLOSED_RESULT) {
            return closedResult();
        }
        @SuppressWarnings("unchecked")
        E e = (E) r;
        return new ChannelResult.Success<>(e);
    }

    /**
     * The non-suspending part of a receive, under the lock.
     *
     * @return a buffered element; a claimed sender {@link Waiter} (its element is the result, wake
     *         it); a {@link Refill} (a buffered element, plus a sender whose element moved into the
     *         freed slot: wake it); {@link #EMPTY}; or {@link #CLOSED_RESULT}
     */
    Object pollLocked() {
        if (count > 0) {
            Object e = dequeue();
            if (!senders.isEmpty()) {
                Waiter s = claimSender();
                if (s != null) {
                    enqueue(Objects.requireNonNull(s.item));
                    return new Refill(e, s);
                }
            }
            return e;
        }
        if (!senders.isEmpty()) {
            Waiter s = claimSender();
            if (s != null) {
                return s;
            }
        }
        return state == OPEN ? EMPTY : CLOSED_RESULT;
    }

    private @Nullable Waiter claimSender() {
        Waiter s;
        while ((s = senders.poll()) != null) {
            if (s.tryClaim(Waiter.SUCCESS)) {
                return s;
            }
        }
        return null;
    }

    /** Completes a poll outside the lock: wakes the sender; @return the element or CLOSED_RESULT */
    static Object finishPoll(Object r) {
        if (r instanceof Waiter s) {
            Object e = Objects.requireNonNull(s.item);
            s.wake();
            return e;
        }
        if (r instanceof Refill f) {
            f.sender.wake();
            return f.element;
        }
        return r;
    }

    // =================================================================== waiting

    /**
     * Parks until {@code w} is claimed, or the caller is cancelled.
     *
     * @return {@link Waiter#SUCCESS} or {@link Waiter#CLOSED}
     * @throws CancellationException if the caller was cancelled before a peer claimed the waiter;
     *         a sender's element then goes to {@code onUndeliveredElement}
     */
    private int await(Parker w, WaitQueue queue) {
        for (;;) {
            int s = w.state;
            if (s != Waiter.WAITING) {
                return s;
            }
            try {
                Cancellation.checkUnrecorded();
            } catch (CancellationException ce) {
                if (!w.tryCancel()) {
                    continue; // claimed meanwhile: the operation completed (or saw the close)
                }
                Cancellation.noteThrownHere();
                unlink(w, queue);
                if (queue == senders) {
                    try {
                        @SuppressWarnings("unchecked")
                        E e = (E) Objects.requireNonNull(w.item);
                        undelivered(e);
                    } catch (Throwable t) {
                        ce.addSuppressed(t);
                    }
                }
                throw ce;
            }
            LockSupport.park(this);
        }
    }

    /** Removes a waiter that gave up from its queue. */
    void unlink(Waiter w, WaitQueue queue) {
        lock();
        try {
            queue.remove(w);
        } finally {
            unlock();
        }
    }

    // =================================================================== close / cancel

    @Override
    public boolean close() {
        return close(null);
    }

    @Override
    public boolean close(@Nullable Throwable cause) {
        List<Waiter> woken;
        Consumer<? super @Nullable Throwable> handler;
        List<Thread> waiters;
        lock();
        try {
            if (state != OPEN) {
                return false;
            }
            closeCause = cause;
            state = CLOSED;
            // receivers wait only while nothing is left for them: all of them see the close now
            woken = claimAll(receivers, null);
            handler = takeCloseHandler();
            waiters = closeWaiters;
            closeWaiters = null;
        } finally {
            unlock();
        }
        afterClose(woken, handler, waiters, cause);
        return true;
    }

    @Override
    public void cancel() {
        cancel(null);
    }

    @Override
    public void cancel(@Nullable CancellationException cause) {
        List<Object> discarded = new ArrayList<>();
        List<Waiter> woken;
        Consumer<? super @Nullable Throwable> handler = null;
        List<Thread> waiters = null;
        Throwable handlerCause = null;
        boolean first;
        lock();
        try {
            if (state == CANCELLED) {
                return;
            }
            first = state == OPEN;
            if (first) {
                closeCause = cause != null ? cause : new CancellationException("channel was cancelled");
                handlerCause = closeCause;
                handler = takeCloseHandler();
                waiters = closeWaiters;
                closeWaiters = null;
            }
            state = CANCELLED;
            while (count > 0) {
                discarded.add(dequeue());
            }
            buf = NO_BUFFER;
            head = 0;
            woken = claimAll(senders, discarded);
            woken.addAll(claimAll(receivers, null));
        } finally {
            unlock();
        }
        afterClose(woken, handler, waiters, handlerCause);
        Throwable failure = null;
        for (Object e : discarded) {
            try {
                @SuppressWarnings("unchecked")
                E el = (E) e;
                undelivered(el);
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                } else {
                    failure.addSuppressed(t);
                }
            }
        }
        if (failure != null) {
            // every element was handed over; the first callback failure (unchecked, as thrown) surfaces here
            throw Exceptions.rethrow(failure);
        }
    }

    /** Claims every live waiter of {@code q} with CLOSED; adds senders' elements to {@code elements}. */
    private List<Waiter> claimAll(WaitQueue q, @Nullable List<Object> elements) {
        List<Waiter> out = new ArrayList<>();
        Waiter w;
        while ((w = q.poll()) != null) {
            if (w.tryClaim(Waiter.CLOSED)) {
                out.add(w);
                if (elements != null) {
                    elements.add(Objects.requireNonNull(w.item));
                }
            }
        }
        return out;
    }

    private @Nullable Consumer<? super @Nullable Throwable> takeCloseHandler() {
        Consumer<? super @Nullable Throwable> h = closeHandler;
        closeHandler = null;
        return h;
    }

    private static void afterClose(List<Waiter> woken, @Nullable Consumer<? super @Nullable Throwable> handler,
                                   @Nullable List<Thread> waiters, @Nullable Throwable cause) {
        for (Waiter w : woken) {
            w.wake();
        }
        if (waiters != null) {
            for (Thread t : waiters) {
                LockSupport.unpark(t);
            }
        }
        if (handler != null) {
            handler.accept(cause);
        }
    }

    @Override
    public void invokeOnClose(Consumer<? super @Nullable Throwable> handler) {
        Objects.requireNonNull(handler, "handler");
        lock();
        try {
            if (closeHandlerSet) {
                throw new IllegalStateException("a close handler is already registered on " + this);
            }
            closeHandlerSet = true;
            if (state == OPEN) {
                closeHandler = handler;
                return;
            }
        } finally {
            unlock();
        }
        handler.accept(closeCause);
    }

    /**
     * Suspends until the channel is closed or cancelled.
     *
     * @throws CancellationException if the caller is cancelled first
     */
    @Override
    public void awaitClosed() {
        Thread me = Thread.currentThread();
        lock();
        try {
            if (state != OPEN) {
                return;
            }
            if (closeWaiters == null) {
                closeWaiters = new ArrayList<>(2);
            }
            closeWaiters.add(me);
        } finally {
            unlock();
        }
        try {
            while (state == OPEN) {
                Cancellation.check();
                LockSupport.park(this);
            }
        } finally {
            if (state == OPEN) {
                lock();
                try {
                    if (closeWaiters != null) {
                        closeWaiters.remove(me);
                    }
                } finally {
                    unlock();
                }
            }
        }
    }

    // =================================================================== state

    @Override
    public boolean isClosedForSend() {
        return state != OPEN;
    }

    @Override
    public boolean isClosedForReceive() {
        int s = state;
        if (s == OPEN) {
            return false;
        }
        if (s == CANCELLED) {
            return true;
        }
        lock();
        try {
            return count == 0 && !senders.hasLive();
        } finally {
            unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>True when a receive could not complete at once with an element: nothing is buffered and
     * no sender is suspended (whether or not the channel is closed).
     */
    @Override
    public boolean isEmpty() {
        lock();
        try {
            return count == 0 && !senders.hasLive();
        } finally {
            unlock();
        }
    }

    @Override
    public Iterator<E> iterator() {
        return new ChannelIterator<>(this);
    }

    // =================================================================== failures

    /** @return the exception a send throws once the channel is closed (thrown, not returned) */
    RuntimeException sendFailure() {
        Throwable c = closeCause;
        if (c == null) {
            throw new ClosedSendChannelException("channel was closed");
        }
        throw Exceptions.rethrow(c);
    }

    /** @return the exception a receive throws once the channel is closed and drained (thrown) */
    RuntimeException receiveFailure() {
        Throwable c = closeCause;
        if (c == null) {
            throw new ClosedReceiveChannelException("channel was closed");
        }
        throw Exceptions.rethrow(c);
    }

    /** @return the close cause: null while open or after a normal close */
    @Nullable Throwable closeCause() {
        return closeCause;
    }

    @SuppressWarnings("unchecked")
    <T> ChannelResult<T> closedResult() {
        Throwable c = closeCause;
        return c == null ? (ChannelResult<T>) CLOSED_NORMALLY : new ChannelResult.Closed<>(c);
    }

    /** Hands an element that will never be received to the callback, if any. */
    void undelivered(E element) {
        Consumer<? super E> cb = onUndelivered;
        if (cb != null) {
            cb.accept(element);
        }
    }

    // =================================================================== ring buffer (under lock)

    private void enqueue(Object e) {
        Object[] b = buf;
        if (count == b.length) {
            b = grow();
        }
        b[(head + count) & (b.length - 1)] = e;
        count++;
    }

    private Object dequeue() {
        Object[] b = buf;
        int h = head;
        Object e = b[h];
        b[h] = null;
        head = (h + 1) & (b.length - 1);
        count--;
        return Objects.requireNonNull(e);
    }

    private Object[] grow() {
        Object[] old = buf;
        int n = old.length == 0 ? 16 : old.length << 1;
        if (n < 0) {
            throw new OutOfMemoryError("channel buffer cannot grow beyond " + old.length + " elements");
        }
        Object[] b = new Object[n];
        for (int i = 0; i < count; i++) {
            b[i] = old[(head + i) & (old.length - 1)];
        }
        head = 0;
        buf = b;
        return b;
    }

    @Override
    public String toString() {
        int s = state;
        return "Channel(" + kind + (s == OPEN ? "" : s == CLOSED ? ", closed" : ", cancelled") + ")@"
                + Integer.toHexString(System.identityHashCode(this));
    }

    /** A marker result of a lock-held operation. */
    private record Marker(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An element dropped by the overflow policy, to report once the lock is released. */
    record Dropped(Object element) {
    }

    /** A buffered element taken, plus the sender whose element refilled the slot. */
    record Refill(Object element, Waiter sender) {
    }
}
