package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineName;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The published leak check, driven directly with a minimal ExtensionContext. */
class NoLeakedCoroutinesTest {

    /** An ExtensionContext whose store keeps values in a map; other methods are not used by the extension. */
    private static ExtensionContext context() {
        Map<Object, Object> values = new HashMap<>();
        ExtensionContext.Store store = (ExtensionContext.Store) Proxy.newProxyInstance(
                NoLeakedCoroutinesTest.class.getClassLoader(), new Class<?>[] {ExtensionContext.Store.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "put" -> values.put(args[0], args[1]);
                    case "get" -> values.get(args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ExtensionContext) Proxy.newProxyInstance(NoLeakedCoroutinesTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getStore")) {
                        return store;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aCoroutineLeftRunningFailsWithItsStackAndIsCancelled() throws Exception {
        NoLeakedCoroutines check = new NoLeakedCoroutines();
        ExtensionContext ctx = context();
        System.setProperty("weft.leakCheck.graceMillis", "100");
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            check.beforeEach(ctx);
            Job leaked = scope.launch(CoroutineName.of("leaky"), () -> Coroutines.delay(Duration.ofDays(1)));
            assertThatThrownBy(() -> check.afterEach(ctx)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("test left 1 coroutine(s) running (cancelled now)")
                    .hasMessageContaining("\"leaky#")
                    .hasMessageContaining("aCoroutineLeftRunningFailsWithItsStackAndIsCancelled");
            leaked.join();
            assertThat(leaked.isCancelled()).isTrue();
        } finally {
            System.clearProperty("weft.leakCheck.graceMillis");
        }
    }

    @Test
    void coroutinesThatEndWithinTheGracePeriodAndOlderOnesPass() throws Exception {
        NoLeakedCoroutines check = new NoLeakedCoroutines();
        ExtensionContext ctx = context();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job older = scope.launch(() -> Coroutines.delay(Duration.ofDays(1)));
            check.beforeEach(ctx);
            scope.launch(() -> Coroutines.delay(Duration.ofMillis(50)));
            check.afterEach(ctx); // the new one ends within the grace period; the older one is not the test's
            assertThat(older.isActive()).isTrue();
            older.cancel();
        }
    }
}
