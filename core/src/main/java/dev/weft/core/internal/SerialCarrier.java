package dev.weft.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The carrier of a single-thread dispatcher: one daemon thread running continuations, and nothing
 * else (no work stealing, no compensation threads) can ever put a second thread behind the
 * dispatcher. Submissions made on the carrier itself (a coroutine waking another, or yielding)
 * join a plain FIFO ring only the carrier touches, with no atomic operation and no allocation;
 * submissions from other threads join a multi-producer queue. The carrier takes from the ring
 * first, except every {@value #REMOTE_INTERVAL}th task, which it takes from the other queue first,
 * so neither source can starve the other (a coroutine looping on {@code yieldNow()} included).
 */
final class SerialCarrier extends AbstractExecutorService {
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(SerialCarrier.class, "tail", Node.class);
            NEXT = l.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A multi-producer, single-consumer linked queue: producers swap the tail (one atomic swap,
     * no retry loop) and link the old tail to the new node; the carrier, the only consumer, walks
     * from {@code head} without any atomic operation. {@code head} is a consumed node (initially a
     * dummy) whose successor is the next task.
     */
    private static final class Node {
        @Nullable Runnable task;
        volatile @Nullable Node next;

        Node(@Nullable Runnable task) {
            this.task = task;
        }
    }

    private static final int LOCAL_CAPACITY = 256; // a power of two; beyond it, the shared queue
    static final int REMOTE_INTERVAL = 61;

    private Node head; // consumer only
    // the carrier's own FIFO ring: touched only by the carrier thread (and coroutines mounted on it)
    private final Runnable[] local = new Runnable[LOCAL_CAPACITY];
    private int localHead;
    private int localTail;
    private long ticks;
    @SuppressWarnings("unused") // through TAIL
    private volatile Node tail;
    private final Thread thread;
    private volatile boolean idle;
    private volatile boolean shutdown;

    SerialCarrier(String name) {
        head = new Node(null);
        tail = head;
        thread = new Thread(this::runLoop, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            // weft shuts a carrier down only after its last coroutine ended: this is a bug, say so
            throw new RejectedExecutionException("carrier " + thread.getName() + " is shut down");
        }
        if (VirtualThreads.currentCarrier() == thread && localTail - localHead < LOCAL_CAPACITY) {
            // on the carrier itself, which is running, so it needs no wake-up
            local[localTail++ & (LOCAL_CAPACITY - 1)] = task;
            return;
        }
        Node n = new Node(task);
        Node prev = (Node) TAIL.getAndSet(this, n);
        NEXT.setVolatile(prev, n); // volatile: orders the link before the read of idle below
        if (idle) { // Dekker with runLoop: either it sees the task or we see it idle
            LockSupport.unpark(thread);
        }
    }

    private void runLoop() {
        for (;;) {
            Runnable task;
            if (++ticks % REMOTE_INTERVAL == 0) {
                task = poll();
                if (task == null) {
                    task = pollLocal();
                }
            } else {
                task = pollLocal();
                if (task == null) {
                    task = poll();
                }
            }
            if (task != null) {
                try {
                    task.run();
                } catch (Throwable t) {
                    Log.warn("a continuation threw on carrier " + thread.getName(), t);
                }
                continue;
            }
            if (shutdown) {
                return;
            }
            // the ring is empty here, and only this thread fills it
            idle = true;
            if (head.next == null && !shutdown) {
                LockSupport.park(this);
            }
            idle = false;
        }
    }

    /** @return the next task of the carrier's own ring, or null (carrier only) */
    private @Nullable Runnable pollLocal() {
        if (localHead == localTail) {
            return null;
        }
        int i = localHead++ & (LOCAL_CAPACITY - 1);
        Runnable task = local[i];
        local[i] = null;
        return task;
    }

    /** @return the next task, or null if none is linked yet (consumer only) */
    private @Nullable Runnable poll() {
        Node next = head.next;
        if (next == null) {
            return null;
        }
        Runnable task = next.task;
        next.task = null;
        head = next;
        return task;
    }

    @Override
    public void shutdown() {
        shutdown = true;
        LockSupport.unpark(thread);
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        List<Runnable> left = new ArrayList<>();
        // only the carrier may poll; after shutdown it has stopped or will stop without polling
        // more than it already took, so what is left is read by walking the links
        for (Node n = head.next; n != null; n = n.next) {
            if (n.task != null) {
                left.add(n.task);
            }
        }
        // the carrier's own ring: exact once the carrier has stopped (a stopping carrier only
        // runs what it already took)
        for (int i = localHead; i != localTail; i++) {
            Runnable r = local[i & (LOCAL_CAPACITY - 1)];
            if (r != null) {
                left.add(r);
            }
        }
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && !thread.isAlive();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        // the carrier thread ends only after shutdown, so this is false until then
        return thread.join(java.time.Duration.ofNanos(unit.toNanos(timeout)));
    }
}
