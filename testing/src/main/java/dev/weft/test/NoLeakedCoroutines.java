package dev.weft.test;

import dev.weft.core.CoroutineDebug;
import dev.weft.core.CoroutineInfo;
import dev.weft.core.Job;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that fails any test that leaves a coroutine running, the check weft's own test
 * suites run after every test. Register it on a class with
 * {@code @ExtendWith(NoLeakedCoroutines.class)}, or for a whole suite through JUnit's extension
 * auto-detection (a {@code META-INF/services/org.junit.jupiter.api.extension.Extension} file naming
 * this class and {@code junit.jupiter.extensions.autodetection.enabled=true}).
 *
 * <p>Before each test it notes the coroutines already alive; after the test it gives the new ones a
 * grace period to end (a coroutine may be finishing on another carrier at the instant the test
 * returns: 2 s by default, system property {@code weft.leakCheck.graceMillis}), then fails the test
 * with the name, state and stack of each one still alive (at most ten), and cancels them so that the
 * next test starts clean.
 *
 * <p>It stands on public API only ({@link CoroutineDebug#liveCoroutines(boolean)},
 * {@link CoroutineInfo#job()}), so it sees every weft coroutine of the JVM: tests that run in
 * parallel in one JVM would see each other's coroutines, so use it with sequential test execution.
 */
public final class NoLeakedCoroutines implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeakedCoroutines.class);
    private static final int SHOWN = 10;

    /** Creates the extension; JUnit does this when it is registered. */
    public NoLeakedCoroutines() {
    }

    /**
     * Notes the coroutines alive before the test.
     *
     * @param context the test's context
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        Set<Job> before = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CoroutineInfo i : CoroutineDebug.liveCoroutines(false)) {
            before.add(i.job());
        }
        context.getStore(NS).put("before", before);
    }

    /**
     * Fails the test if coroutines it started are still alive after the grace period, and cancels them.
     *
     * @param context the test's context
     * @throws InterruptedException if interrupted while giving coroutines their grace period
     * @throws AssertionError if coroutines leaked
     */
    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) throws InterruptedException {
        Set<Job> before = (Set<Job>) context.getStore(NS).get("before", Set.class);
        long grace = Long.getLong("weft.leakCheck.graceMillis", 2000);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(grace);
        List<CoroutineInfo> leaked;
        while (true) {
            leaked = CoroutineDebug.liveCoroutines(false).stream()
                    .filter(i -> before == null || !before.contains(i.job())).toList();
            if (leaked.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(10);
        }
        if (leaked.isEmpty()) {
            return;
        }
        Set<Job> leakedJobs = Collections.newSetFromMap(new IdentityHashMap<>());
        leaked.forEach(i -> leakedJobs.add(i.job()));
        List<CoroutineInfo> withStacks = CoroutineDebug.liveCoroutines(true).stream()
                .filter(i -> leakedJobs.contains(i.job())).toList();
        StringBuilder sb = new StringBuilder("test left ").append(leaked.size())
                .append(" coroutine(s) running (cancelled now):");
        int shown = 0;
        for (CoroutineInfo i : withStacks) {
            if (shown++ == SHOWN) {
                sb.append("\n  ...");
                break;
            }
            sb.append("\n  ").append(i.toString().replace("\n", "\n  "));
        }
        for (Job j : leakedJobs) {
            j.cancel();
        }
        throw new AssertionError(sb.toString());
    }
}
