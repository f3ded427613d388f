package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoroutineDebugTest {

    @Test
    void namedCoroutinesAppearInTheRegistryWithStateParentAndStack() throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            scope.launch(CoroutineName.of("order-loader"), () -> {
                assertThat(Thread.currentThread().getName()).isEqualTo("order-loader");
                assertThat(Coroutines.currentContext().get(CoroutineName.KEY)).isEqualTo(CoroutineName.of("order-loader"));
                assertThat(Coroutines.currentContext().dispatcher()).isSameAs(Dispatchers.DEFAULT);
                parked.countDown();
                Coroutines.delay(Duration.ofSeconds(30));
            });
            parked.await();
            // countDown() runs just before delay(): poll (bounded) until the coroutine is parked in it
            List<CoroutineInfo> live = CoroutineDebug.liveCoroutines();
            for (int i = 0; i < 500 && live.stream().noneMatch(CoroutineDebugTest::parkedInDelay); i++) {
                Thread.sleep(10);
                live = CoroutineDebug.liveCoroutines();
            }
            assertThat(live).anySatisfy(info -> {
                assertThat(info.name()).startsWith("order-loader");
                assertThat(info.state()).isEqualTo("ACTIVE");
                assertThat(info.parent()).startsWith("scope#");
                assertThat(info.dispatcher()).isEqualTo("weft-default");
                assertThat(info.stackTrace()).anyMatch(e -> e.getMethodName().equals("delay"));
            });
            assertThat(CoroutineDebug.dump()).contains("order-loader", "Coroutines.delay");
            assertThat(CoroutineDebug.liveCount()).isEqualTo(CoroutineDebug.liveCoroutines().size()).isPositive();
        }
        assertThat(CoroutineDebug.liveCoroutines()).noneMatch(i -> i.name().startsWith("order-loader"));
    }

    private static boolean parkedInDelay(CoroutineInfo info) {
        return info.name().startsWith("order-loader")
                && info.stackTrace().stream().anyMatch(e -> e.getMethodName().equals("delay"));
    }

    @Test
    void aNamedCoroutineShowsInAJdkThreadDump(@TempDir Path dir) throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        Path dump = dir.resolve("threads.txt");
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            scope.launch(CoroutineName.of("visible-in-jcmd"), () -> {
                parked.countDown();
                Coroutines.delay(Duration.ofSeconds(30));
            });
            parked.await();
            // the same diagnostic command that `jcmd <pid> Thread.dump_to_file <file>` runs
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "threadDumpToFile",
                    new Object[] {new String[] {dump.toString()}}, new String[] {String[].class.getName()});
        }
        assertThat(Files.readString(dump)).contains("\"visible-in-jcmd\"", "virtual");
    }

    @Test
    void currentJobAndContextOutsideCoroutines() {
        assertThat(Coroutines.currentJob()).isNull();
        assertThat(Coroutines.currentContext().elements()).isEmpty();
        Coroutines.runBlocking(() -> {
            assertThat(Coroutines.currentJob()).isNotNull();
            assertThat(Coroutines.currentJob().isActive()).isTrue();
            return null;
        });
    }

    @Test
    void contextsCombineByKey() {
        CoroutineContext c = Dispatchers.IO.plus(CoroutineName.of("a")).plus(CoroutineName.of("b"));
        assertThat(c.get(CoroutineName.KEY).name()).isEqualTo("b");
        assertThat(c.dispatcher()).isSameAs(Dispatchers.IO);
        assertThat(c.elements()).hasSize(2);
        assertThat(c.minusKey(Dispatcher.KEY).dispatcher()).isNull();
        assertThat(CoroutineContext.of(Dispatchers.IO, Dispatchers.DEFAULT).dispatcher()).isSameAs(Dispatchers.DEFAULT);
        assertThat(CoroutineContext.empty().plus(CoroutineContext.empty()).elements()).isEmpty();
    }
}
