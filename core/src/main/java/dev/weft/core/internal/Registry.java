package dev.weft.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The registry of live coroutines is the job tree itself: only roots are recorded here, and a walk
 * from them finds every live job. That costs nothing per coroutine beyond the tree links that
 * structured concurrency needs anyway.
 *
 * <p>The roots are kept in striped, intrusive doubly-linked lists: a root has no siblings, so its
 * sibling links chain it into the list of stripe {@code id & mask}, under that stripe's monitor.
 * Adding and removing a root (once per {@code mono{}} subscription, per {@code launch} outside a
 * scope) is a short uncontended lock and four stores, with no allocation; a concurrent hash set
 * cost a node and a counter update each way.
 */
public final class Registry {
    private static final Stripe[] STRIPES = newStripes();
    private static final int MASK = STRIPES.length - 1;

    /** One list of roots; its monitor guards the links of the jobs in it. */
    private static final class Stripe {
        @Nullable JobSupport head;
    }

    private Registry() {
    }

    private static Stripe[] newStripes() {
        int n = Integer.highestOneBit(Math.max(4, Runtime.getRuntime().availableProcessors() * 4) - 1) << 1;
        Stripe[] out = new Stripe[Math.min(n, 256)];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Stripe();
        }
        return out;
    }

    static void addRoot(JobSupport job) {
        Stripe s = STRIPES[(int) job.id & MASK];
        synchronized (s) {
            JobSupport h = s.head;
            job.prevSibling = null;
            job.nextSibling = h;
            if (h != null) {
                h.prevSibling = job;
            }
            s.head = job;
        }
    }

    static void removeRoot(JobSupport job) {
        Stripe s = STRIPES[(int) job.id & MASK];
        synchronized (s) {
            JobSupport p = job.prevSibling;
            JobSupport n = job.nextSibling;
            if (p != null) {
                p.nextSibling = n;
            } else if (s.head == job) {
                s.head = n;
            } else {
                return; // not in the list (removed already)
            }
            if (n != null) {
                n.prevSibling = p;
            }
            job.prevSibling = null;
            job.nextSibling = null;
        }
    }

    /** @return the roots recorded now */
    private static List<JobSupport> roots() {
        List<JobSupport> out = new ArrayList<>();
        for (Stripe s : STRIPES) {
            synchronized (s) {
                for (JobSupport j = s.head; j != null; j = j.nextSibling) {
                    out.add(j);
                }
            }
        }
        return out;
    }

    /** @return every coroutine that has not completed, parents before children */
    public static List<CoroutineImpl<?>> liveCoroutines() {
        List<CoroutineImpl<?>> out = new ArrayList<>();
        ArrayDeque<JobSupport> work = new ArrayDeque<>(roots());
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
