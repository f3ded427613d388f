package dev.weft.samples.tour;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.channels.Channel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tour section 5: what coroutines cost, measured live — a million suspended coroutines next to
 * platform threads, the handoff cost of each, many coroutines sharing one thread, and blocking
 * socket I/O that does not block a carrier.
 */
final class Costs {
    /** How big each measurement is: the tour's, or a small one for tests. */
    enum Sizes {
        FULL(1_000_000, 10_000, 100_000, 10_000, 1_000),
        SMALL(20_000, 200, 5_000, 1_000, 100);

        final int coroutines;
        final int threads;
        final int roundTrips;
        final int confined;
        final int sockets;

        Sizes(int coroutines, int threads, int roundTrips, int confined, int sockets) {
            this.coroutines = coroutines;
            this.threads = threads;
            this.roundTrips = roundTrips;
            this.confined = confined;
            this.sockets = sockets;
        }
    }

    /** The platform-thread step stops starting threads after this long, whatever the count. */
    private static final int THREAD_BUDGET_SECONDS = 5;
    private static int sharedCounter; // a plain int, guarded only by confinement to one thread

    private final Out out;
    private final Sizes sizes;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    Costs(Out out, Sizes sizes) {
        this.out = out;
        this.sizes = sizes;
    }

    void run() throws Exception {
        out.section("5. What coroutines cost, measured live");
        suspendedCoroutines(sizes.coroutines / 50, false); // warm-up: compiled frames are smaller than interpreted ones
        suspendedCoroutines(sizes.coroutines, true);
        platformThreads(sizes.threads);
        handoffs(sizes.roundTrips);
        confinement(sizes.confined);
        blockingIo(sizes.sockets, 50);
    }

    private void suspendedCoroutines(int n, boolean report) throws InterruptedException {
        CountDownLatch suspended = new CountDownLatch(n);
        CountDownLatch open = new CountDownLatch(1);
        long heapBefore = usedHeap();
        long t0 = System.nanoTime();
        long nanos;
        long released;
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job gate = scope.launch(() -> open.await()); // a coroutine the others wait for
            if (report) {
                out.partial("   launching %,d coroutines that each suspend in gate.join() until released:", n);
            }
            for (int i = 1; i <= n; i++) {
                scope.launch(() -> {
                    suspended.countDown();
                    gate.join(); // parked: its frames on the heap, its carrier free
                });
                if (report && i % (n / 4) == 0) {
                    out.partial(" %,d", i);
                }
            }
            suspended.await();
            nanos = System.nanoTime() - t0;
            long heap = usedHeap() - heapBefore;
            if (report) {
                out.partial("%n");
                out.line("%,d coroutines suspended at once: launched in %,d ms (%.2f µs each), %,d MB of heap, %,d bytes each",
                        n, nanos / 1_000_000, nanos / 1000.0 / n, heap >> 20, heap / n);
            }
            released = System.nanoTime();
            open.countDown(); // the gate ends and wakes every waiter: all resume and end normally
        } // the scope waits until every one of them has ended
        if (report) {
            out.line("released, all %,d resumed and ended in %,d ms", n, Out.millisSince(released));
        }
    }

    private void platformThreads(int n) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(n);
        AtomicInteger running = new AtomicInteger();
        long heapBefore = usedHeap();
        out.partial("   starting %,d platform threads that each wait on a latch:", n);
        long t0 = System.nanoTime();
        long budget = t0 + Duration.ofSeconds(THREAD_BUDGET_SECONDS).toNanos();
        String stopped = "";
        try {
            for (int i = 1; i <= n; i++) {
                threads.add(Thread.ofPlatform().daemon().start(() -> {
                    running.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                if (i % (n / 4) == 0) {
                    out.partial(" %,d", i);
                }
                if (i < n && System.nanoTime() > budget) {
                    stopped = " (stopped after " + THREAD_BUDGET_SECONDS + " s, the step's time budget)";
                    break;
                }
            }
        } catch (OutOfMemoryError e) { // "unable to create native thread": the machine's limit
            stopped = " (the OS refused thread " + (threads.size() + 1) + ": " + e.getMessage() + ")";
        }
        while (running.get() < threads.size()) {
            Thread.onSpinWait();
        }
        long nanos = System.nanoTime() - t0;
        long heap = usedHeap() - heapBefore;
        out.partial("%n");
        int started = threads.size();
        out.line("%,d platform threads waiting at once%s: started in %,d ms (%.2f µs each),",
                started, stopped, nanos / 1_000_000, nanos / 1000.0 / started);
        out.line("  %,d bytes of heap each, plus a %,d KB stack each reserved outside the heap",
                Math.max(0, heap / started), stackKb());
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }

    private void handoffs(int roundTrips) throws Exception {
        coroutinePingPong(roundTrips / 10); // warm-up
        threadPingPong(roundTrips / 100);
        long coroutineNanos = coroutinePingPong(roundTrips);
        int threadTrips = Math.max(1_000, roundTrips / 10);
        long threadNanos = threadPingPong(threadTrips);
        double perCoroutineHandoff = coroutineNanos / (2.0 * roundTrips);
        double perThreadHandoff = threadNanos / (2.0 * threadTrips);
        out.line("handoff, two coroutines on one carrier passing a value back and forth over rendezvous channels:"
                + " %,.0f ns (%,d round trips)", perCoroutineHandoff, roundTrips);
        out.line("handoff, two platform threads over SynchronousQueues: %,.0f ns (%,d round trips): %.1f x the coroutine's",
                perThreadHandoff, threadTrips, perThreadHandoff / perCoroutineHandoff);
    }

    private static long coroutinePingPong(int n) {
        try (CloseableDispatcher one = Dispatchers.newSingleThread("tour-handoff")) {
            return Coroutines.runBlocking(one, () -> Coroutines.coroutineScope(scope -> {
                Channel<Integer> ping = Channel.rendezvous();
                Channel<Integer> pong = Channel.rendezvous();
                scope.launch(() -> {
                    for (int i = 0; i < n; i++) {
                        pong.send(ping.receive());
                    }
                });
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ping.send(i);
                    pong.receive();
                }
                return System.nanoTime() - t0;
            }));
        }
    }

    private static long threadPingPong(int n) throws InterruptedException {
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        Thread echo = Thread.ofPlatform().daemon().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ping.put(i);
            pong.take();
        }
        long nanos = System.nanoTime() - t0;
        echo.join();
        return nanos;
    }

    private void confinement(int n) {
        try (CloseableDispatcher single = Dispatchers.newSingleThread("tour-single")) {
            sharedCounter = 0;
            long t0 = System.nanoTime();
            Coroutines.runBlocking(single, () -> Coroutines.coroutineScope(scope -> {
                for (int i = 0; i < n; i++) {
                    scope.launch(() -> {
                        Coroutines.yieldNow();      // the coroutines interleave only at suspension points like this
                        int seen = sharedCounter;   // between two of them, this coroutine runs alone on the thread:
                        sharedCounter = seen + 1;   // no other can read or write in between
                    });
                }
                return null;
            }));
            out.line("%,d coroutines on one thread, each yielding then incrementing a plain int: %,d in %,d ms, with no lock or atomic",
                    n, sharedCounter, Out.millisSince(t0));
        }
    }

    private void blockingIo(int calls, int serverMillis) throws Exception {
        ServerSocket server = new ServerSocket(0, calls * 2, InetAddress.getLoopbackAddress());
        Thread acceptor = Thread.ofPlatform().daemon().name("tour-slow-server").start(() -> serveSlowly(server, serverMillis));
        try (CloseableDispatcher two = Dispatchers.newFixed(2, "tour-io")) {
            AtomicInteger answered = new AtomicInteger();
            long t0 = System.nanoTime();
            Coroutines.runBlocking(two, () -> Coroutines.coroutineScope(scope -> {
                for (int i = 0; i < calls; i++) {
                    scope.launch(() -> {
                        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                            OutputStream request = socket.getOutputStream();  // plain java.net blocking I/O
                            request.write("hello\n".getBytes(StandardCharsets.US_ASCII));
                            request.flush();
                            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                            if ("ok".equals(reply)) {
                                answered.incrementAndGet();
                            }
                        }
                    });
                }
                return null;
            }));
            long ms = Out.millisSince(t0);
            out.line("%,d coroutines on a 2-carrier dispatcher, each a blocking java.net.Socket call to a loopback server"
                    + " that answers after %d ms:", calls, serverMillis);
            out.line("  %,d answers in %,d ms; had each call held its carrier: %,d x %d ms / 2 carriers = %,d ms",
                    answered.get(), ms, calls, serverMillis, (long) calls * serverMillis / 2);
        } finally {
            server.close();
            acceptor.join();
        }
    }

    /** Accepts until closed; each connection waits {@code millis} in a virtual thread, then answers "ok". */
    private static void serveSlowly(ServerSocket server, int millis) {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread.ofVirtual().start(() -> {
                try (s) {
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                    Thread.sleep(millis);
                    s.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private long usedHeap() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The platform thread stack size in KB: -Xss / -XX:ThreadStackSize, else the JVM's default. */
    private static long stackKb() {
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Long.parseLong(hotspot.getVMOption("ThreadStackSize").getValue());
        } catch (RuntimeException e) {
            return 1024;
        }
    }
}
