package dev.weft.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A dispatcher over an application's executor. The executor is guarded so that resuming a
 * coroutine never throws and never strands it, whatever the executor does with a continuation:
 * <ul>
 * <li>if it rejects one (it was shut down, or its queue is full), the continuation runs on a weft
 * carrier instead and the rejection is logged once;</li>
 * <li>if it runs one in the calling thread before {@code execute} returns ({@code Runnable::run},
 * {@code ThreadPoolExecutor.CallerRunsPolicy}), or on a virtual thread, the continuation is handed
 * to a weft carrier as well (noted once at DEBUG level). A virtual thread's continuation cannot run
 * on another virtual thread (the JDK throws {@link WrongThreadException} and the coroutine would
 * stay runnable forever), and the caller may be a virtual thread or one of the JDK's own threads
 * (the carrier that just ran the coroutine, the timer that ends a sleep), which must not turn into
 * the coroutine's carrier.</li>
 * </ul>
 */
final class ExecutorDispatcher extends AbstractDispatcher {
    private final ThreadFactory threads;

    ExecutorDispatcher(String name, Executor executor) {
        super(name);
        this.threads = VirtualThreads.factory(new Guarded(executor, name), name);
    }

    @Override
    protected Thread newThread(Runnable task) {
        return threads.newThread(task);
    }

    @Override
    public boolean ownsCarriers() {
        return true;
    }

    private static final class Guarded implements Executor {
        /**
         * For virtual threads weft did not create: the executor whose delegate the thread is inside
         * of. A coroutine's thread keeps this in its {@link Strand} instead (no thread-local map per
         * coroutine, docs/adr/0002).
         */
        private static final ThreadLocal<@Nullable Guarded> SUBMITTING = new ThreadLocal<>();

        private final Executor delegate;
        private final String name;
        private final AtomicBoolean rejectionReported = new AtomicBoolean();
        private final AtomicBoolean handOffReported = new AtomicBoolean();

        Guarded(Executor delegate, String name) {
            this.delegate = delegate;
            this.name = name;
        }

        @Override
        public void execute(Runnable command) {
            Thread caller = Thread.currentThread();
            if (!caller.isVirtual()) {
                submit(command, caller); // a virtual thread the delegate starts here is the JDK's
                return;
            }
            // A virtual thread that the delegate starts from a virtual thread is scheduled like its
            // creator: if that is this dispatcher (a virtual-thread-per-task executor called from
            // one of its coroutines), its start calls back here from inside delegate.execute, and
            // submitting it again would recurse forever.
            Strand strand = caller.getUncaughtExceptionHandler() instanceof Strand st ? st : null;
            Object outer = strand != null ? strand.submittingTo : SUBMITTING.get();
            if (outer == this) {
                handOff(command, "started a virtual thread to run a coroutine continuation");
                return;
            }
            if (strand != null) {
                strand.submittingTo = this;
                try {
                    submit(command, caller);
                } finally {
                    strand.submittingTo = outer;
                }
            } else {
                SUBMITTING.set(this);
                try {
                    submit(command, caller);
                } finally {
                    SUBMITTING.set((Guarded) outer);
                }
            }
        }

        private void submit(Runnable command, Thread caller) {
            Continuation c = new Continuation(command, caller);
            try {
                delegate.execute(c);
            } catch (RejectedExecutionException e) {
                if (rejectionReported.compareAndSet(false, true)) {
                    Log.warn("executor of dispatcher '" + name + "' rejected a coroutine continuation;"
                            + " running it and later rejected ones on weft's default carriers", e);
                }
                DispatcherFactory.fallbackCarriers().execute(command);
            } finally {
                c.submitted = true;
            }
        }

        /** Runs {@code command} on weft's fallback carriers instead of the executor; noted once. */
        void handOff(Runnable command, String what) {
            if (handOffReported.compareAndSet(false, true)) {
                Log.debug("executor of dispatcher '" + name + "' " + what
                        + "; running such continuations on weft's default carriers");
            }
            DispatcherFactory.fallbackCarriers().execute(command);
        }

        /** The task given to the executor: runs the continuation, unless the thread cannot carry it. */
        private final class Continuation implements Runnable {
            private final Runnable command;
            private final Thread submitter;
            /**
             * Set by the submitter once {@code execute} returned; read only on the submitter's own
             * thread (another thread never compares equal to it), so it needs no ordering.
             */
            boolean submitted;

            Continuation(Runnable command, Thread submitter) {
                this.command = command;
                this.submitter = submitter;
            }

            @Override
            public void run() {
                Thread t = Thread.currentThread();
                if (t.isVirtual() || (t == submitter && !submitted)) {
                    handOff(command, "ran a coroutine continuation "
                            + (t.isVirtual() ? "on a virtual thread" : "in the calling thread"));
                    return;
                }
                command.run();
            }
        }
    }
}
