package dev.weft.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of live coroutines is the job tree itself: only roots are recorded here, and a walk
 * from them finds every live job. That costs nothing per coroutine beyond the tree links that
 * structured concurrency needs anyway.
 */
public final class Registry {
    private static final Set<JobSupport> ROOTS = ConcurrentHashMap.newKeySet();

    private Registry() {
    }

    static void addRoot(JobSupport job) {
        ROOTS.add(job);
    }

    static void removeRoot(JobSupport job) {
        ROOTS.remove(job);
    }

    /** @return every coroutine that has not completed, parents before children */
    public static List<CoroutineImpl<?>> liveCoroutines() {
        List<CoroutineImpl<?>> out = new ArrayList<>();
        ArrayDeque<JobSupport> work = new ArrayDeque<>(ROOTS);
        while (!work.isEmpty()) {
            JobSupport j = work.poll();
            if (j.isCompleted()) {
                continue;
            }
            if (j instanceof CoroutineImpl<?> c) {
                out.add(c);
            }
            work.addAll(j.childList());
        }
        return out;
    }

    static void cancelCoroutinesOn(AbstractDispatcher d) {
        for (CoroutineImpl<?> c : liveCoroutines()) {
            if (c.dispatcher == d) {
                c.cancel(new java.util.concurrent.CancellationException("dispatcher '" + d.name() + "' was closed"));
            }
        }
    }

    // ---------------------------------------------------------------- dump support

    /** @return the coroutine's name for dumps */
    public static String name(CoroutineImpl<?> c) {
        return c.displayName();
    }

    /** @return the coroutine's state name */
    public static String state(CoroutineImpl<?> c) {
        return c.stateName();
    }

    /** @return the display name of the parent job, or null for a root */
    public static String parentName(CoroutineImpl<?> c) {
        JobSupport p = c.parent;
        return p == null ? null : p.displayName();
    }

    /** @return the coroutine's dispatcher */
    public static AbstractDispatcher dispatcher(CoroutineImpl<?> c) {
        return c.dispatcher;
    }

    /** @return the coroutine's virtual thread, or null before it started */
    public static Thread thread(CoroutineImpl<?> c) {
        return c.thread;
    }
}
