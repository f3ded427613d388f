package dev.weft.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * What weft knows about the thread it is running on: the innermost job whose body the thread is
 * executing, and the non-cancellable nesting level. A coroutine's virtual thread has one for its
 * whole life; a platform thread gets one for the duration of a scope it enters.
 *
 * <p>Interrupt delivery and entry into a non-cancellable block are serialized on this object, so
 * a cancellation never interrupts code that is inside {@code nonCancellable}.
 */
public final class Strand implements Thread.UncaughtExceptionHandler {
    /**
     * Strands of platform threads (and of virtual threads weft did not create) that entered a
     * scope. A coroutine's own strand is not kept here: it is installed as its virtual thread's
     * uncaught-exception handler, a field every Thread has, which saves the ~140 bytes a
     * thread-local map costs per coroutine (see docs/adr/0002-strand-lookup.md).
     */
    private static final ThreadLocal<Strand> CURRENT = new ThreadLocal<>();

    final Thread thread;
    /** Innermost job whose body runs on this thread. Only this thread writes it. */
    @Nullable JobSupport current;
    /** The job this strand was created for: the coroutine, or a platform thread's outermost scope. */
    @Nullable JobSupport root;
    /** Dispatcher whose clock this thread uses. */
    final AbstractDispatcher dispatcher;
    /**
     * Non-cancellable nesting depth; written by this thread under the lock; other threads read it
     * under the lock.
     */
    private int ncDepth;
    /** Set when a foreign interrupt (not a weft cancellation) was turned into a cancellation. */
    boolean foreignInterrupt;
    /**
     * Written by the strand's own thread when a cancellation is thrown into it: the outermost
     * cancelled job it ran in then; see {@link Cancellation#wasStoppedFromOutside()}.
     */
    @Nullable JobSupport stopSource;
    /** A foreign interrupt absorbed inside nonCancellable, to restore when the outermost block exits. */
    boolean deferredInterrupt;
    /**
     * The guarded user executor whose {@code execute} this thread is inside of, if any; only this
     * thread touches it (see {@code ExecutorDispatcher}).
     */
    @Nullable Object submittingTo;

    Strand(Thread thread, @Nullable JobSupport root, AbstractDispatcher dispatcher) {
        this.thread = thread;
        this.root = root;
        this.current = root;
        this.dispatcher = dispatcher;
    }

    /** @return the strand of the calling thread, or {@code null} outside weft */
    public static @Nullable Strand current() {
        Thread t = Thread.currentThread();
        if (t.isVirtual() && t.getUncaughtExceptionHandler() instanceof Strand s) {
            return s;
        }
        return CURRENT.get();
    }

    /** Creates the strand of a coroutine's (unstarted) virtual thread and installs it there. */
    static Strand install(Thread coroutineThread, CoroutineImpl<?> coroutine, AbstractDispatcher dispatcher) {
        Strand s = new Strand(coroutineThread, coroutine, dispatcher);
        coroutineThread.setUncaughtExceptionHandler(s);
        return s;
    }

    /** Coroutine bodies catch everything; this only reports what escapes weft's own code. */
    @Override
    public void uncaughtException(Thread t, Throwable e) {
        Log.warn("uncaught exception on coroutine thread " + t.getName(), e);
    }

    static void set(@Nullable Strand s) {
        if (s == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(s);
        }
    }

    /** @return the innermost job the calling thread runs in, or null */
    public static @Nullable JobSupport currentJob() {
        Strand s = current();
        return s == null ? null : s.current;
    }

    /** @return the dispatcher whose clock the calling thread uses */
    public static AbstractDispatcher currentDispatcher() {
        Strand s = current();
        return s == null ? DispatcherFactory.defaultDispatcher() : s.dispatcher;
    }

    /** @return whether this strand's coroutine runs on {@code d} */
    public boolean dispatcherIs(AbstractDispatcher d) {
        return dispatcher == d && root instanceof CoroutineImpl;
    }

    /**
     * Current non-cancellable level. Only the strand's own thread may call it: that thread is the
     * only writer of the depth, so it reads its own writes without the lock (which other threads
     * take in {@link #interruptAt} to see a consistent value). Every coroutine start calls it.
     */
    int level() {
        return ncDepth;
    }

    /** Interrupts the thread if it is at {@code level}, i.e. not inside a deeper non-cancellable block. */
    synchronized void interruptAt(int level) {
        if (ncDepth == level) {
            thread.interrupt();
        }
    }

    /** Enters a non-cancellable block: no interrupt reaches the thread until it leaves. */
    synchronized int enterNonCancellable() {
        ncDepth++;
        Thread.interrupted(); // a pending cancellation of the outer job must not hit the block
        return ncDepth;
    }

    synchronized void exitNonCancellable() {
        ncDepth--;
    }
}
