package dev.weft.core.testkit;

import dev.weft.core.internal.CoroutineImpl;
import dev.weft.core.internal.Registry;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test that leaves a coroutine running. Registered automatically (service loader +
 * {@code junit.jupiter.extensions.autodetection.enabled=true} in each module's
 * {@code junit-platform.properties}), so every weft test module uses it.
 *
 * <p>After each test it gives coroutines that are already finishing a grace period (they may be
 * completing on another carrier at the instant the test returns), then fails with a dump of those
 * still alive, and cancels them so the next test starts clean.
 */
public final class NoLeakedCoroutines implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeakedCoroutines.class);
    /** How long coroutines get to finish after the test returned. */
    static final long GRACE_MILLIS = Long.getLong("weft.leakCheck.graceMillis", 2000);

    @Override
    public void beforeEach(ExtensionContext context) {
        Set<CoroutineImpl<?>> before = Collections.newSetFromMap(new IdentityHashMap<>());
        before.addAll(Registry.liveCoroutines());
        context.getStore(NS).put("before", before);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) throws InterruptedException {
        Set<CoroutineImpl<?>> before = (Set<CoroutineImpl<?>>) context.getStore(NS).get("before", Set.class);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        List<CoroutineImpl<?>> leaked;
        while (true) {
            leaked = Registry.liveCoroutines().stream().filter(c -> before == null || !before.contains(c)).toList();
            if (leaked.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(10);
        }
        if (leaked.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("test left ").append(leaked.size())
                .append(" coroutine(s) running (cancelled now):");
        int shown = 0;
        for (CoroutineImpl<?> c : leaked) {
            if (shown++ == 10) {
                sb.append("\n  ...");
                break;
            }
            sb.append("\n  ").append(c.displayName()).append(' ').append(Registry.state(c));
            Thread t = Registry.thread(c);
            if (t != null && t.isAlive()) {
                StackTraceElement[] st = t.getStackTrace();
                for (int i = 0; i < Math.min(st.length, 12); i++) {
                    sb.append("\n      at ").append(st[i]);
                }
            }
        }
        for (CoroutineImpl<?> c : leaked) {
            c.cancel();
        }
        throw new AssertionError(sb.toString());
    }
}
