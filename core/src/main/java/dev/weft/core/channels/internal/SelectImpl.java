package dev.weft.core.channels.internal;

import dev.weft.core.Disposable;
import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ReceiveChannel;
import dev.weft.core.channels.SelectBuilder;
import dev.weft.core.channels.SendChannel;
import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.Exceptions;
import dev.weft.core.internal.Strand;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One select: the builder of its clauses and the run that picks one.
 *
 * <p><b>Protocol</b> (the one Go uses, with a CAS state instead of a lock per select):
 * <ol>
 * <li>Lock every channel of the clauses, in the global order of their ids (no deadlock with other
 *     selects; single operations never hold two channel locks).</li>
 * <li>Scan the clauses in the fairness order; the first whose operation can complete at once does
 *     so under the locks. Nothing of ours is queued yet, so no one else can have chosen a clause.</li>
 * <li>Otherwise queue one {@link Node} per channel clause (all under the locks, so a peer sees
 *     either none or all of them), unlock and park. A peer that reaches a node claims the whole
 *     select by a CAS of {@link #state} from null to that node; a peer that loses the CAS drops the
 *     node and moves on, its element untouched. The timer of a timeout clause and the owner's own
 *     cancellation compete by the same CAS.</li>
 * <li>After waking, the nodes not chosen are unlinked one channel at a time.</li>
 * </ol>
 *
 * @param <R> the result type
 */
public final class SelectImpl<R extends @Nullable Object> implements SelectBuilder<R> {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SelectImpl.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Object TIMED_OUT = new Object();
    private static final Object CANCELLED = new Object();

    private static final int RECEIVE = 0;
    private static final int RECEIVE_CATCHING = 1;
    private static final int SEND = 2;
    private static final int TIMEOUT = 3;

    private final List<Clause> clauses = new ArrayList<>(4);
    private final Thread thread = Thread.currentThread();
    private boolean started;
    // results of the scan under the locks (owner thread only)
    private int scanStart;
    private @Nullable Clause chosen;
    private @Nullable Object immediateResult;
    private @Nullable Clause timeout;
    /** null while undecided; then the winning {@link Node}, {@link #TIMED_OUT} or {@link #CANCELLED}. */
    private volatile @Nullable Object state;

    /** Creates an empty select for the calling thread. */
    public SelectImpl() {
    }

    // ================================================================== builder

    @Override
    public <E> SelectBuilder<R> onReceive(ReceiveChannel<? extends E> channel,
                                         ReceiveHandler<? super E, ? extends R> handler) {
        return add(RECEIVE, channel, null, handler, 0);
    }

    @Override
    public <E> SelectBuilder<R> onReceiveCatching(ReceiveChannel<E> channel,
                                                 ReceiveHandler<? super ChannelResult<E>, ? extends R> handler) {
        return add(RECEIVE_CATCHING, channel, null, handler, 0);
    }

    @Override
    public <E> SelectBuilder<R> onSend(SendChannel<E> channel, E element, Callable<? extends R> handler) {
        Objects.requireNonNull(element, "element");
        return add(SEND, channel, element, handler, 0);
    }

    @Override
    public SelectBuilder<R> onTimeout(Duration timeout, Callable<? extends R> handler) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        return add(TIMEOUT, null, null, handler, nanos);
    }

    private SelectBuilder<R> add(int kind, @Nullable Object channel, @Nullable Object element, Object handler,
                                 long nanos) {
        if (kind != TIMEOUT) {
            Objects.requireNonNull(channel, "channel");
        }
        Objects.requireNonNull(handler, "handler");
        if (started) {
            throw new IllegalStateException("clauses can only be added inside the select's builder lambda");
        }
        clauses.add(new Clause(kind, channel == null ? null : ChannelImpl.of(channel), element, handler, nanos));
        return this;
    }

    // ================================================================== run

    /**
     * Runs the select.
     *
     * @param unbiased start the scan at a random clause
     * @return the chosen clause's result
     */
    public R run(boolean unbiased) {
        if (started) {
            throw new IllegalStateException("a select runs once");
        }
        started = true;
        int n = clauses.size();
        if (n == 0) {
            throw new IllegalArgumentException("select needs at least one clause");
        }
        scanStart = unbiased && n > 1 ? ThreadLocalRandom.current().nextInt(n) : 0;
        lockAndScan(lockOrder(), 0);
        Clause chosen = this.chosen;
        Object result = this.immediateResult;
        this.immediateResult = null;
        if (chosen != null) {
            return completeAtOnce(chosen, result);
        }
        return await(timeout);
    }

    /** Takes the monitors of {@code channels[i..]} in order, then scans and registers. */
    private void lockAndScan(ChannelImpl<?>[] channels, int i) {
        if (i == channels.length) {
            scanOrRegister();
            return;
        }
        channels[i].lock();
        try {
            lockAndScan(channels, i + 1);
        } finally {
            channels[i].unlock();
        }
    }

    /**
     * Under every clause channel's lock: completes the first clause that can complete at once
     * (in {@link #chosen} / {@link #immediateResult}), else queues a node per channel clause.
     */
    private void scanOrRegister() {
        int n = clauses.size();
        for (int k = 0; k < n && chosen == null; k++) {
            Clause c = clauses.get((scanStart + k) % n);
            switch (c.kind) {
                case RECEIVE, RECEIVE_CATCHING -> {
                    Object r = c.channel().pollLocked();
                    if (r != ChannelImpl.EMPTY) {
                        chosen = c;
                        immediateResult = r;
                    }
                }
                case SEND -> {
                    Object r = c.channel().offerLocked(Objects.requireNonNull(c.element));
                    if (r != ChannelImpl.FULL) {
                        chosen = c;
                        immediateResult = r;
                    }
                }
                default -> {
                    if (timeout == null || c.nanos < timeout.nanos) {
                        timeout = c;
                    }
                }
            }
        }
        if (chosen == null && timeout != null && timeout.nanos == 0) {
            chosen = timeout;
        }
        if (chosen != null) {
            return;
        }
        for (Clause c : clauses) {
            if (c.kind == TIMEOUT) {
                continue;
            }
            Node node = new Node(this, c);
            c.node = node;
            if (c.kind == SEND) {
                node.item = c.element;
                c.channel().senders.add(node);
            } else {
                c.channel().receivers.add(node);
            }
        }
    }

    /** The distinct channels of the clauses, sorted by id: the order every select locks them in. */
    private ChannelImpl<?>[] lockOrder() {
        ChannelImpl<?>[] all = clauses.stream().filter(c -> c.kind != TIMEOUT).map(Clause::channel)
                .toArray(ChannelImpl<?>[]::new);
        Arrays.sort(all, Comparator.comparingLong(c -> c.id));
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (distinct == 0 || all[distinct - 1] != all[i]) {
                all[distinct++] = all[i];
            }
        }
        return Arrays.copyOf(all, distinct);
    }

    private R await(@Nullable Clause timeout) {
        Disposable timer = null;
        if (timeout != null) {
            timer = Strand.currentDispatcher().schedule(() -> {
                if (tryClaim(TIMED_OUT)) {
                    LockSupport.unpark(thread);
                }
            }, timeout.nanos);
        }
        Object s;
        try {
            for (;;) {
                s = state;
                if (s != null) {
                    break;
                }
                try {
                    Cancellation.checkUnrecorded();
                } catch (CancellationException ce) {
                    if (tryClaim(CANCELLED)) {
                        Cancellation.noteThrownHere();
                        throw ce;
                    }
                    continue; // a clause won at the same moment: it has taken effect, complete it
                }
                LockSupport.park(this);
            }
        } finally {
            if (timer != null) {
                timer.dispose();
            }
            unlinkLosers();
        }
        if (s == TIMED_OUT) {
            return call(Objects.requireNonNull(timeout));
        }
        Node won = (Node) s;
        return completeWaited(won);
    }

    private void unlinkLosers() {
        for (Clause c : clauses) {
            Node node = c.node;
            if (node != null && node.linked) {
                ChannelImpl<?> ch = c.channel();
                ch.unlink(node, c.kind == SEND ? ch.senders : ch.receivers);
            }
        }
    }

    boolean tryClaim(Object winner) {
        return STATE.compareAndSet(this, null, winner);
    }

    // ================================================================== completion

    /** Completes a clause whose operation was done under the locks; {@code r} is its lock-held result. */
    private R completeAtOnce(Clause c, @Nullable Object r) {
        switch (c.kind) {
            case RECEIVE, RECEIVE_CATCHING -> {
                Object v = ChannelImpl.finishPoll(Objects.requireNonNull(r));
                return received(c, v == ChannelImpl.CLOSED_RESULT ? null : v);
            }
            case SEND -> {
                if (r == ChannelImpl.CLOSED_RESULT) {
                    throw c.channel().sendFailure();
                }
                c.channel().finishOffer(r);
                return call(c);
            }
            default -> {
                return call(c);
            }
        }
    }

    /** Completes the clause whose node a peer (or the close) claimed. */
    private R completeWaited(Node node) {
        Clause c = node.clause;
        boolean closed = node.outcome == Waiter.CLOSED;
        if (c.kind == SEND) {
            if (closed) {
                throw c.channel().sendFailure(); // cancelled: the canceller reported the element
            }
            return call(c);
        }
        return received(c, closed ? null : node.item);
    }

    /** Runs a receive clause's handler with the element, or with the close (null) if it saw one. */
    @SuppressWarnings("unchecked")
    private R received(Clause c, @Nullable Object element) {
        ReceiveHandler<Object, ? extends R> h = (ReceiveHandler<Object, ? extends R>) c.handler;
        Object arg;
        if (element == null) {
            if (c.kind == RECEIVE) {
                throw c.channel().receiveFailure();
            }
            arg = c.channel().closedResult();
        } else {
            arg = c.kind == RECEIVE ? element : new ChannelResult.Success<>(element);
        }
        try {
            return h.apply(arg);
        } catch (Exception e) {
            throw Exceptions.rethrow(e);
        }
    }

    @SuppressWarnings("unchecked")
    private R call(Clause c) {
        try {
            return ((Callable<? extends R>) c.handler).call();
        } catch (Exception e) {
            throw Exceptions.rethrow(e);
        }
    }

    // ================================================================== parts

    /** One clause as declared. */
    private static final class Clause {
        final int kind;
        final @Nullable ChannelImpl<?> channel;
        final @Nullable Object element;
        final Object handler;
        final long nanos;
        /** Its waiter, once the select suspends. */
        @Nullable Node node;

        Clause(int kind, @Nullable ChannelImpl<?> channel, @Nullable Object element, Object handler, long nanos) {
            this.kind = kind;
            this.channel = channel;
            this.element = element;
            this.handler = handler;
            this.nanos = nanos;
        }

        ChannelImpl<?> channel() {
            return Objects.requireNonNull(channel);
        }
    }

    /** A clause's waiter in its channel's queue; claiming it claims the whole select. */
    static final class Node extends Waiter {
        final SelectImpl<?> select;
        final Clause clause;

        Node(SelectImpl<?> select, Clause clause) {
            this.select = select;
            this.clause = clause;
        }

        @Override
        boolean tryClaim(int how) {
            outcome = how; // read by the select thread only if this node wins the CAS below
            return select.tryClaim(this);
        }

        @Override
        boolean isDone() {
            return select.state != null;
        }

        @Override
        void wake() {
            LockSupport.unpark(select.thread);
        }
    }
}
