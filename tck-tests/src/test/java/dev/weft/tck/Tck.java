package dev.weft.tck;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.ThrowingRunnable;
import dev.weft.core.internal.CoroutineImpl;
import dev.weft.core.internal.Registry;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.IHookCallBack;
import org.testng.ITestResult;

/**
 * What every weft TCK class shares: one set of timeouts, the harness coroutines that drive a
 * Subscriber under test, and the check that no weft coroutine outlives its test (the JUnit
 * extension {@code NoLeakedCoroutines} does not apply to TestNG classes).
 */
final class Tck {
    /**
     * Time the TCK waits for an expected signal. The TCK's default of 100 ms is tight for a 2-core
     * CI machine shared with other builds; a longer wait only slows down a failing run.
     */
    static final long TIMEOUT_MILLIS = Long.getLong("weft.tck.timeoutMillis", 500);
    /** Time the TCK waits to make sure no signal arrives. */
    static final long NO_SIGNALS_MILLIS = Long.getLong("weft.tck.noSignalsMillis", 100);
    /**
     * Time a publisher verification waits after a cancel before it checks (by GC) that the
     * subscriber is no longer referenced (§3.13): the cancelled coroutine must get a carrier and
     * end first, which on a loaded 2-core machine can take longer than the TCK's 300 ms.
     */
    static final long GC_TIMEOUT_MILLIS = Long.getLong("weft.tck.gcTimeoutMillis", 1000);
    /** Time the leak check gives coroutines that are finishing when the test returns. */
    static final long GRACE_MILLIS = Long.getLong("weft.leakCheck.graceMillis", 2000);

    private Tck() {
    }

    static TestEnvironment env() {
        return new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNALS_MILLIS, TIMEOUT_MILLIS);
    }

    /**
     * Runs one TCK test method, then cancels the harness coroutines it started and fails the test
     * if any weft coroutine started during it is still alive after the grace period.
     */
    static void runChecked(IHookCallBack callBack, ITestResult result, Harness harness) {
        Set<CoroutineImpl<?>> before = snapshot();
        try {
            callBack.runTestMethod(result);
        } finally {
            harness.cancel();
        }
        AssertionError leak = leaked(before, GRACE_MILLIS);
        if (leak == null) {
            harness.close(); // everything ended: closing does not wait
        }
        // During the hook the status is still STARTED; TestNG derives the final one from the
        // throwable afterwards. A failed test keeps its own failure; a skipped one keeps its skip
        // (TestNG does not let a hook turn a SkipException into a failure; the TCK's skipped tests
        // are its "untested" rules, which create no publisher and so start no coroutine).
        Throwable outcome = result.getThrowable();
        if (leak != null && outcome == null) {
            result.setStatus(ITestResult.FAILURE);
            result.setThrowable(leak);
        }
    }

    /** @return the weft coroutines alive now */
    static Set<CoroutineImpl<?>> snapshot() {
        Set<CoroutineImpl<?>> live = Collections.newSetFromMap(new IdentityHashMap<>());
        live.addAll(Registry.liveCoroutines());
        return live;
    }

    /**
     * Waits up to {@code graceMillis} for the coroutines started since {@code before} to end.
     *
     * @return null if all ended, else an error listing those alive (which are cancelled)
     */
    static AssertionError leaked(Set<CoroutineImpl<?>> before, long graceMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        List<CoroutineImpl<?>> alive;
        for (;;) {
            alive = Registry.liveCoroutines().stream().filter(c -> !before.contains(c)).toList();
            if (alive.isEmpty()) {
                return null;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        StringBuilder sb = new StringBuilder("test left ").append(alive.size()).append(" weft coroutine(s) running:");
        for (CoroutineImpl<?> c : alive) {
            sb.append("\n  ").append(Registry.name(c)).append(' ').append(Registry.state(c));
            Thread t = Registry.thread(c);
            if (t != null && t.isAlive()) {
                StackTraceElement[] st = t.getStackTrace();
                for (int i = 0; i < Math.min(st.length, 12); i++) {
                    sb.append("\n      at ").append(st[i]);
                }
            }
            c.cancel();
        }
        return new AssertionError(sb.toString());
    }

    /**
     * The coroutines that drive a Subscriber under test (they collect or await, as an application
     * would). A Subscriber verification may end a test with its stream still open, as an
     * application may cancel a collection; {@link #cancel()} cancels them, and the leak check
     * then proves that the bridge's coroutines do end on cancellation.
     */
    static final class Harness {
        private OwnedScope scope;

        synchronized Job launch(ThrowingRunnable body) {
            if (scope == null) {
                scope = CoroutineScope.supervisor(Dispatchers.DEFAULT);
            }
            return scope.launch(body);
        }

        /** Cancels the harness coroutines without waiting for them. */
        synchronized void cancel() {
            if (scope != null) {
                scope.job().cancel();
            }
        }

        /** Closes the (cancelled) scope and starts afresh for the next test. */
        synchronized void close() {
            if (scope != null) {
                scope.close();
                scope = null;
            }
        }
    }
}
