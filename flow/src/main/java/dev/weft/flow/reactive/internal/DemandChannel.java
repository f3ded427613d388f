package dev.weft.flow.reactive.internal;

import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ClosedSendChannelException;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.channels.internal.ProducerScopeImpl;
import dev.weft.core.channels.internal.ProducerTarget;
import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.Exceptions;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The send side of a {@code publish} subscription: a {@link ProducerTarget} whose {@code send}
 * hands the element straight to {@code onNext}, suspending until the Subscriber has demand. It is
 * not a buffered channel. The block runs in weft's one producer scope
 * ({@link ProducerScopeImpl#run}), as those of {@code produce} and {@code channelFlow} do: helpers
 * launched there are awaited, their raw failure and the block's are what {@code onError} gets, and
 * {@code awaitClose} runs its {@code onClose} non-cancellable. Sends from several coroutines are
 * serialized by a lock, so the Subscriber's signals stay serial (§1.3).
 *
 * <p><b>Closing.</b> The terminal signal is delivered once the block and all its children have
 * returned: {@code onError(cause)} if the channel was closed with a cause, else
 * {@code onError(failure)} if the block failed, else {@code onComplete}. A {@code close} marks the
 * end (further sends fail, {@code awaitClose} returns) and runs the close handler. A cancel (or a
 * non-positive request) from the Subscriber closes the channel with a
 * {@link CancellationException} and cancels the producer coroutine.
 *
 * @param <T> the element type
 */
final class DemandChannel<T> implements ProducerTarget<T> {
    private static final System.Logger LOG = System.getLogger("dev.weft.flow.reactive");
    private static final Object CLOSED = new Object();
    private static final Object CLOSED_NO_HANDLER = new Object();
    private static final Object HANDLER_INVOKED = new Object();
    private static final VarHandle CLOSE_STATE;
    private static final VarHandle HANDLER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CLOSE_STATE = l.findVarHandle(DemandChannel.class, "closeState", Object.class);
            HANDLER = l.findVarHandle(DemandChannel.class, "handler", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FlowSubscription<T> sink;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Thread> closeWaiters = new ConcurrentLinkedQueue<>();
    /** null while open; CLOSED after a normal close; the cause after close(cause) or a cancel. */
    private volatile @Nullable Object closeState;
    /** null, the handler, CLOSED_NO_HANDLER (closed before one was registered) or HANDLER_INVOKED. */
    private volatile @Nullable Object handler;

    private DemandChannel(FlowSubscription<T> sink) {
        this.sink = sink;
    }

    /** The body of a {@code publish} subscription's coroutine. */
    static <T> void run(FlowSubscription<T> sink, ProducerBlock<T> block) throws Exception {
        DemandChannel<T> ch = new DemandChannel<>(sink);
        sink.onStop(ch::stoppedBySubscriber);
        Throwable cause = ch.finish(ProducerScopeImpl.run(ch, block));
        if (cause != null) {
            throw Exceptions.asException(cause);
        }
    }

    /** Closes for send behind the send lock, so no element follows the terminal signal. */
    private @Nullable Throwable finish(@Nullable Throwable failure) {
        sendLock.lock();
        try {
            closeInternal(failure == null ? CLOSED : failure);
        } finally {
            sendLock.unlock();
        }
        Object st = closeState;
        if (st instanceof Throwable cause && cause != failure) {
            if (failure != null && sink.isStopped() && !(failure instanceof CancellationException)) {
                return failure; // nobody receives it after the stop: it goes to the dropped-error handler
            }
            if (failure != null && !(failure instanceof CancellationException)) {
                cause.addSuppressed(failure);
            }
            return cause;
        }
        return failure;
    }

    private void stoppedBySubscriber() {
        closeInternal(sink.stopped());
    }

    private boolean closeInternal(Object state) {
        if (!CLOSE_STATE.compareAndSet(this, null, state)) {
            return false;
        }
        invokeHandler(state == CLOSED ? null : (Throwable) state);
        for (Thread t : closeWaiters) {
            LockSupport.unpark(t);
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private void invokeHandler(@Nullable Throwable cause) {
        for (;;) {
            Object h = handler;
            if (h == null) {
                if (HANDLER.compareAndSet(this, null, CLOSED_NO_HANDLER)) {
                    return;
                }
            } else if (h == CLOSED_NO_HANDLER || h == HANDLER_INVOKED) {
                return;
            } else if (HANDLER.compareAndSet(this, h, HANDLER_INVOKED)) {
                runHandler((Consumer<? super @Nullable Throwable>) h, cause);
                return;
            }
        }
    }

    private static void runHandler(Consumer<? super @Nullable Throwable> h, @Nullable Throwable cause) {
        try {
            h.accept(cause);
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "a channel close handler threw; ignored", t);
        }
    }

    private @Nullable Throwable closeCause() {
        Object st = closeState;
        return st instanceof Throwable t ? t : null;
    }

    private RuntimeException closedForSend(Object st) {
        if (st == CLOSED) {
            return new ClosedSendChannelException("channel of " + sink + " was closed");
        }
        return Exceptions.rethrow((Throwable) st);
    }

    // =====================================================================================
    // SendChannel

    @Override
    public void send(T element) {
        Objects.requireNonNull(element, "element");
        Object st = closeState;
        if (st != null) {
            throw closedForSend(st);
        }
        try {
            sendLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // weft's cancellation is the interrupt: keep it set
            Cancellation.check();
            throw new CancellationException("send was interrupted");
        }
        try {
            st = closeState;
            if (st != null) {
                throw closedForSend(st);
            }
            sink.emit(element);
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    public ChannelResult<Void> trySend(T element) {
        Objects.requireNonNull(element, "element");
        Object st = closeState;
        if (st != null) {
            return new ChannelResult.Closed<>(closeCause());
        }
        if (!sendLock.tryLock()) {
            return new ChannelResult.Failure<>();
        }
        try {
            if (closeState != null) {
                return new ChannelResult.Closed<>(closeCause());
            }
            return sink.tryEmit(element) ? new ChannelResult.Success<>(null) : new ChannelResult.Failure<>();
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    public boolean close() {
        return closeInternal(CLOSED);
    }

    @Override
    public boolean close(@Nullable Throwable cause) {
        return closeInternal(cause == null ? CLOSED : cause);
    }

    @Override
    public boolean isClosedForSend() {
        return closeState != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void invokeOnClose(Consumer<? super @Nullable Throwable> h) {
        Objects.requireNonNull(h, "handler");
        for (;;) {
            Object cur = handler;
            if (cur == null) {
                if (HANDLER.compareAndSet(this, null, h)) {
                    if (closeState != null && HANDLER.compareAndSet(this, h, HANDLER_INVOKED)) {
                        runHandler(h, closeCause()); // closed meanwhile: nobody else will run it
                    }
                    return;
                }
            } else if (cur == CLOSED_NO_HANDLER) {
                if (HANDLER.compareAndSet(this, CLOSED_NO_HANDLER, HANDLER_INVOKED)) {
                    runHandler(h, closeCause()); // already closed: run at once
                    return;
                }
            } else {
                throw new IllegalStateException("a close handler is already registered on " + sink);
            }
        }
    }

    @Override
    public void awaitClosed() {
        Thread me = Thread.currentThread();
        closeWaiters.add(me);
        try {
            for (;;) {
                Cancellation.check();
                if (closeState != null) {
                    break;
                }
                LockSupport.park(this);
            }
        } finally {
            closeWaiters.remove(me);
        }
        if (sink.isStopped()) {
            throw sink.stopped(); // closed by the Subscriber's cancel: the code after awaitClose must not run
        }
    }

    @Override
    public String toString() {
        return "DemandChannel(" + sink + ")";
    }
}
