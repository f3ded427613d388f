package dev.weft.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The carrier of a single-thread dispatcher: one daemon thread running continuations from one
 * FIFO queue. Every submission, a wake-up from another thread or a coroutine's own yield, joins the
 * same queue, so the order is fair by construction, and nothing else (no work stealing, no
 * compensation threads) can ever put a second thread behind the dispatcher.
 */
final class SerialCarrier extends AbstractExecutorService {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean idle;
    private volatile boolean shutdown;

    SerialCarrier(String name) {
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
        queue.offer(task);
        if (idle) { // Dekker with runLoop: either it sees the task or we see it idle
            LockSupport.unpark(thread);
        }
    }

    private void runLoop() {
        for (;;) {
            Runnable task = queue.poll();
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
            if (queue.isEmpty() && !shutdown) {
                LockSupport.park(this);
            }
            idle = false;
        }
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
        for (Runnable r; (r = queue.poll()) != null; ) {
            left.add(r);
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
        if (!shutdown) {
            thread.join(unit.toMillis(timeout) == 0 ? 1 : unit.toMillis(timeout));
            return false;
        }
        return thread.join(java.time.Duration.ofNanos(unit.toNanos(timeout)));
    }

    /** @return whether the calling thread is this carrier */
    boolean isCarrierThread(Thread t) {
        return t == thread;
    }
}
