package dev.weft.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A dispatcher over an application's executor. The executor is guarded: if it rejects a
 * continuation (it was shut down, or its queue is full), the continuation runs on a weft carrier
 * instead and the rejection is logged once, so resuming a coroutine never throws.
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
        private final Executor delegate;
        private final String name;
        private final AtomicBoolean reported = new AtomicBoolean();

        Guarded(Executor delegate, String name) {
            this.delegate = delegate;
            this.name = name;
        }

        @Override
        public void execute(Runnable command) {
            try {
                delegate.execute(command);
            } catch (RejectedExecutionException e) {
                if (reported.compareAndSet(false, true)) {
                    Log.warn("executor of dispatcher '" + name + "' rejected a coroutine continuation;"
                            + " running it and later rejected ones on weft's default carriers", e);
                }
                DispatcherFactory.fallbackCarriers().execute(command);
            }
        }
    }
}
