package dev.weft.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Adversarial, white-box checks of {@link CarrierScheduler}: its idle carriers park for good (no
 * CPU burn), the idle stack holds every parked carrier exactly once, the local ring neither loses
 * nor duplicates a task when owner and thieves race across its wrap-around, and a submission is
 * never stranded while every carrier sleeps, including in the window where a waker has claimed a
 * carrier but not yet counted it as searching.
 */
class CarrierSchedulerRaceTest {
    private static final VarHandle SEARCHING;
    private static final VarHandle WORKERS;
    private static final VarHandle IDLE_TOP;
    private static final VarHandle PARKED;
    private static final VarHandle NEXT_IDLE;
    private static final VarHandle NAPS_TAKEN;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(CarrierScheduler.class, MethodHandles.lookup());
            SEARCHING = l.findVarHandle(CarrierScheduler.class, "searching", int.class);
            WORKERS = l.findVarHandle(CarrierScheduler.class, "workers", CarrierScheduler.Worker[].class);
            IDLE_TOP = l.findVarHandle(CarrierScheduler.class, "idleTop", long.class);
            MethodHandles.Lookup w = MethodHandles.privateLookupIn(CarrierScheduler.Worker.class, MethodHandles.lookup());
            PARKED = w.findVarHandle(CarrierScheduler.Worker.class, "parked", int.class);
            NEXT_IDLE = w.findVarHandle(CarrierScheduler.Worker.class, "nextIdle", int.class);
            NAPS_TAKEN = w.findVarHandle(CarrierScheduler.Worker.class, "napsTaken", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static CarrierScheduler.Worker[] workers(CarrierScheduler s) {
        return (CarrierScheduler.Worker[]) WORKERS.get(s);
    }

    /** Polls (sleeping 1 ms) until {@code condition} holds; false after {@code seconds}. */
    private static boolean eventually(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /** Every carrier parked without a timeout: idle for good, not napping or spinning. */
    private static boolean allParkedIndefinitely(CarrierScheduler s) {
        for (CarrierScheduler.Worker w : workers(s)) {
            if (w.getState() != Thread.State.WAITING || (int) PARKED.getVolatile(w) != 1) {
                return false;
            }
        }
        return true;
    }

    /** @return the carriers' indexes on the idle stack, top first; fails on a cycle */
    private static List<Integer> idleStack(CarrierScheduler s) {
        List<Integer> out = new ArrayList<>();
        int n = workers(s).length;
        int entry = (int) ((long) IDLE_TOP.getVolatile(s) & 0xFFFF_FFFFL);
        while (entry != 0) {
            assertThat(out).as("idle stack has a cycle: %s", out).hasSizeLessThanOrEqualTo(n);
            out.add(entry - 1);
            entry = (int) NEXT_IDLE.getVolatile(workers(s)[entry - 1]) ;
        }
        return out;
    }

    private static void close(CarrierScheduler s) throws InterruptedException {
        s.shutdown();
        assertThat(s.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    // ---------------------------------------------------------------- the searching counter

    /**
     * {@code wakeIdle} claims a carrier (CAS on {@code parked}) and only then counts it as
     * searching. If the waker is descheduled between the two, the claimed carrier can leave
     * {@code parkIdle} (it was still in its pre-park check, or a stale unpark permit woke it),
     * find its task and decrement first: {@code searching} is -1 for a moment, with no carrier
     * searching. A submission in that window must still wake an idle carrier. The window is two
     * instructions wide, so the test sets the counter to the value the race produces.
     */
    @Test
    void aSubmissionWhileAWakersIncrementIsPendingStillWakesAnIdleCarrier() throws Exception {
        CarrierScheduler s = new CarrierScheduler("pending-increment", 2);
        try {
            assertThat(eventually(10, () -> allParkedIndefinitely(s))).isTrue();
            SEARCHING.getAndAdd(s, -1); // the woken carrier's decrement landed before its waker's increment
            CountDownLatch ran = new CountDownLatch(1);
            s.execute(ran::countDown); // from outside: the shared queue
            try {
                assertThat(ran.await(5, TimeUnit.SECONDS)).as("task stranded while every carrier sleeps").isTrue();
            } finally {
                SEARCHING.getAndAdd(s, 1); // the waker's increment lands
            }
        } finally {
            close(s);
        }
    }

    // ---------------------------------------------------------------- idle carriers

    @Test
    void afterABurstEveryCarrierParksIndefinitelyAndIsOnTheIdleStackOnce() throws Exception {
        int carriers = 4; // more carriers than cores: wake-ups and parking race harder
        CarrierScheduler s = new CarrierScheduler("idle-stack", carriers);
        try {
            for (int round = 0; round < 15; round++) {
                int n = 1 + ThreadLocalRandom.current().nextInt(400);
                CountDownLatch all = new CountDownLatch(n * 2);
                for (int i = 0; i < n; i++) {
                    s.execute(() -> { // outside, then one local push per task
                        all.countDown();
                        s.execute(all::countDown);
                    });
                }
                assertThat(all.await(10, TimeUnit.SECONDS)).as("round %d: tasks stranded", round).isTrue();
                // ~1 ms of naps then idle: 10 s is only a bound for a loaded machine
                assertThat(eventually(10, () -> allParkedIndefinitely(s)))
                        .as("round %d: a carrier still spins or naps with nothing to do", round).isTrue();
                assertThat((int) SEARCHING.getVolatile(s)).as("round %d: searching drifted", round).isZero();
                List<Integer> stack = idleStack(s);
                assertThat(new HashSet<>(stack)).as("round %d: idle stack %s", round, stack).hasSize(carriers);
                assertThat(stack).hasSize(carriers);
            }
        } finally {
            close(s);
        }
    }

    private static int napsTaken(CarrierScheduler s) {
        int n = 0;
        for (CarrierScheduler.Worker w : workers(s)) {
            n += (int) NAPS_TAKEN.getOpaque(w);
        }
        return n;
    }

    /**
     * Requests that arrive one at a time from outside, each waited for (a {@code block()} on a
     * platform thread): the carrier that ran one has nobody to watch when it is done, so it must
     * park right after its spin. Napping there woke it every 50 µs for a millisecond after each
     * request, on cores the waiting thread needed (ADR 0003). The other carrier is never woken at
     * all. Once every carrier is parked, nothing but a submission wakes one, so the count is exact.
     */
    @Test
    void carriersWithNothingRunningBesideThemParkWithoutNapping() throws Exception {
        CarrierScheduler s = new CarrierScheduler("no-naps", 2);
        try {
            assertThat(eventually(10, () -> allParkedIndefinitely(s))).isTrue();
            int before = napsTaken(s);
            for (int round = 0; round < 50; round++) {
                CountDownLatch ran = new CountDownLatch(1);
                s.execute(ran::countDown);
                assertThat(ran.await(10, TimeUnit.SECONDS)).as("round %d", round).isTrue();
                assertThat(eventually(10, () -> allParkedIndefinitely(s))).as("round %d", round).isTrue();
            }
            assertThat(napsTaken(s) - before).as("naps taken with no carrier running").isZero();
        } finally {
            close(s);
        }
    }

    /**
     * The other side of the rule above: beside a carrier that stays busy, a searcher keeps napping,
     * because that is how it sees a task left in the busy carrier's queue as stuck and steals it.
     */
    @Test
    void aSearcherBesideABusyCarrierNapsUntilItStealsTheTaskLeftBehind() throws Exception {
        CarrierScheduler s = new CarrierScheduler("naps-beside-busy", 2);
        try {
            assertThat(eventually(10, () -> allParkedIndefinitely(s))).isTrue();
            int before = napsTaken(s);
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            AtomicBoolean stolenWhileBusy = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(1);
            s.execute(() -> {
                // fresh: left to this carrier unless another one sees it stuck
                s.execute(() -> ranOn.set(Thread.currentThread()));
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (ranOn.get() == null && System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
                // read before this task ends: afterwards its own carrier would run the task itself
                stolenWhileBusy.set(ranOn.get() != null && ranOn.get() != Thread.currentThread());
                done.countDown();
            });
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(stolenWhileBusy).as("the task left behind a busy carrier was not stolen while it stayed busy").isTrue();
            assertThat(napsTaken(s) - before).as("naps beside the busy carrier").isPositive();
        } finally {
            close(s);
        }
    }

    /**
     * Tasks that keep their carrier busy until a task submitted after them has run: every such pair
     * needs two carriers at once, so a wake-up lost while the others sleep hangs the round.
     */
    @Test
    void aBusyTaskWaitingForALaterSubmissionIsNeverLeftAlone() throws Exception {
        CarrierScheduler s = new CarrierScheduler("pairs", 2);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            int rounds = 0;
            while (rounds < 300 && System.nanoTime() < deadline) {
                rounds++;
                AtomicBoolean second = new AtomicBoolean();
                CountDownLatch done = new CountDownLatch(2);
                AtomicBoolean stranded = new AtomicBoolean();
                boolean local = (rounds & 1) == 0;
                s.execute(() -> {
                    if (local) {
                        s.execute(() -> { // local push while this carrier stays busy
                            second.set(true);
                            done.countDown();
                        });
                    }
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!second.get()) {
                        if (System.nanoTime() - until > 0) {
                            stranded.set(true);
                            break;
                        }
                        Thread.onSpinWait();
                    }
                    done.countDown();
                });
                if (!local) {
                    if ((rounds & 2) == 0) {
                        Thread.sleep(0, 200_000); // let the carriers settle: searching, napping or idle
                    }
                    s.execute(() -> {
                        second.set(true);
                        done.countDown();
                    });
                }
                assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
                assertThat(stranded).as("round %d (%s)", rounds, local ? "local" : "shared").isFalse();
                if (rounds % 50 == 0) {
                    Thread.sleep(3); // now and then from fully idle carriers
                }
            }
        } finally {
            close(s);
        }
    }

    // ---------------------------------------------------------------- the local ring on its own

    /**
     * A token stands for a virtual thread's continuation: one constant object, queued at most once
     * at a time, queued again only after it has run. The owner pushes and polls, two thieves
     * steal; with more tokens than slots the ring fills and wraps many times. Every take must be
     * of a queued token (no double run), and what was pushed is taken in the end (no loss).
     */
    @Test
    void ownerAndThievesRacingOverTheRingTakeEveryTaskExactlyOnce() throws Exception {
        for (int tokens : new int[] {2, 300}) {
            CarrierScheduler host = new CarrierScheduler("ring-host", 2);
            close(host); // only to build a worker that is never started
            CarrierScheduler.Worker ring = new CarrierScheduler.Worker(host, 0, "ring");
            AtomicInteger[] state = new AtomicInteger[tokens]; // 0 free, 1 queued, 2 taken
            Runnable[] token = new Runnable[tokens];
            java.util.IdentityHashMap<Runnable, Integer> indexOf = new java.util.IdentityHashMap<>();
            for (int i = 0; i < tokens; i++) {
                state[i] = new AtomicInteger();
                token[i] = new Runnable() {
                    @Override
                    public void run() {
                    }
                };
                indexOf.put(token[i], i);
            }
            AtomicLong pushed = new AtomicLong();
            AtomicLong taken = new AtomicLong();
            AtomicReference<String> error = new AtomicReference<>();
            AtomicBoolean stop = new AtomicBoolean();
            java.util.function.Consumer<Runnable> take = r -> {
                int i = indexOf.get(r);
                if (!state[i].compareAndSet(1, 2)) {
                    error.compareAndSet(null, "token " + i + " taken in state " + state[i].get());
                }
                taken.incrementAndGet();
                state[i].set(0); // "ran": may be queued again
            };
            Thread owner = Thread.ofPlatform().unstarted(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                int next = 0;
                while (!stop.get()) {
                    if (rnd.nextInt(3) != 0) {
                        int i = next;
                        next = next + 1 == tokens ? 0 : next + 1;
                        if (state[i].compareAndSet(0, 1)) {
                            if (ring.push(token[i], rnd.nextBoolean())) {
                                pushed.incrementAndGet();
                            } else {
                                state[i].set(0); // full
                            }
                        }
                    } else {
                        Runnable r = ring.poll();
                        if (r != null) {
                            take.accept(r);
                        }
                    }
                }
            });
            List<Thread> thieves = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                boolean takeFresh = t == 0;
                thieves.add(Thread.ofPlatform().unstarted(() -> {
                    while (!stop.get()) {
                        Runnable r = ring.steal(takeFresh);
                        if (r != null) {
                            take.accept(r);
                        } else {
                            Thread.onSpinWait();
                        }
                    }
                }));
            }
            owner.start();
            thieves.forEach(Thread::start);
            Thread.sleep(300);
            stop.set(true);
            owner.join(10_000);
            for (Thread t : thieves) {
                t.join(10_000);
            }
            assertThat(owner.isAlive() || thieves.stream().anyMatch(Thread::isAlive))
                    .as("a taker spins forever on an emptied slot (%d tokens)", tokens).isFalse();
            for (Runnable r; (r = ring.poll()) != null; ) {
                take.accept(r);
            }
            assertThat(error.get()).as("%d tokens", tokens).isNull();
            assertThat(taken.get()).as("%d tokens: pushed %d", tokens, pushed.get()).isEqualTo(pushed.get());
            assertThat(pushed.get()).as("the ring wrapped").isGreaterThan(1_000);
            Set<Integer> queued = new HashSet<>();
            for (int i = 0; i < tokens; i++) {
                if (state[i].get() != 0) {
                    queued.add(i);
                }
            }
            assertThat(queued).as("tokens left queued").isEmpty();
        }
    }
}
