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
 * The carrier of a single-thread dispatcher: one daemon thread running continuations from one
 * FIFO queue. Every submission, a wake-up from another thread or a coroutine's own yield, joins the
 * same queue, so the order is fair by construction, and nothing else (no work stealing, no
 * compensation threads) can ever put a second thread behind the dispatcher.
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

    private Node head; // consumer only
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
        Node n = new Node(task);
        Node prev = (Node) TAIL.getAndSet(this, n);
        NEXT.setVolatile(prev, n); // volatile: orders the link before the read of idle below
        if (idle) { // Dekker with runLoop: either it sees the task or we see it idle
            LockSupport.unpark(thread);
        }
    }

    private void runLoop() {
        for (;;) {
            Runnable task = poll();
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
            idle = true;
            if (head.next == null && !shutdown) {
                LockSupport.park(this);
            }
            idle = false;
        }
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
