package dev.weft.core.channels;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Model checking (Lincheck) of the channels: every interleaving Lincheck explores must be
 * linearizable against a sequential specification.
 *
 * <p>Two kinds of checks:
 * <ul>
 * <li>random scenarios over the non-suspending surface ({@code trySend}, {@code tryReceive},
 *     {@code close}, {@code cancel}, state queries), specified by the channel itself run
 *     sequentially;</li>
 * <li>hand-written scenarios that include the parking {@code send} and {@code receive}, chosen
 *     so that no interleaving can leave an operation parked forever (Lincheck's model checker
 *     follows {@code LockSupport.park}/{@code unpark}, but a Java operation that never returns
 *     is a deadlock to it, not a "suspended" result as for Kotlin suspend functions). Their
 *     specification is a FIFO queue with close: a suspended sender's element counts as sent
 *     (it is received before the close is seen), which is the dual-data-structure reading
 *     of a send that waits.</li>
 * </ul>
 *
 * <p>Tagged {@code lincheck}: Surefire runs it in a JVM of its own (see core/pom.xml), because
 * Lincheck's agent rewrites loaded classes, JDK concurrency classes included, for the rest of the
 * JVM's life.
 */
@Tag("lincheck")
class ChannelLincheckTest {
    /**
     * Budget: the whole class must stay well under the ~90 s that the build allows for Lincheck
     * (about 60 s on the 2-core CI machine); raise these locally for a deeper search.
     */
    private static final int RANDOM_ITERATIONS = Integer.getInteger("weft.lincheck.iterations", 4);
    private static final int INVOCATIONS = Integer.getInteger("weft.lincheck.invocations", 200);
    private static final int SCENARIO_INVOCATIONS = Integer.getInteger("weft.lincheck.scenarioInvocations", 100);

    // ================================================================== random, non-suspending

    @Test
    void bufferedChannelTryOperationsAreLinearizable() {
        new ModelCheckingOptions().iterations(RANDOM_ITERATIONS).invocationsPerIteration(INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(1).actorsAfter(1)
                .check(BufferedTryModel.class);
    }

    @Test
    void conflatedChannelIsLinearizable() {
        new ModelCheckingOptions().iterations(RANDOM_ITERATIONS).invocationsPerIteration(INVOCATIONS)
                .threads(2).actorsPerThread(3).actorsBefore(1).actorsAfter(1)
                .check(ConflatedModel.class);
    }

    @Test
    void rendezvousTryOperationsAreLinearizable() {
        // without a suspended peer, nothing is ever handed over: tries fail until close/cancel
        new ModelCheckingOptions().iterations(1).invocationsPerIteration(INVOCATIONS / 2)
                .threads(2).actorsPerThread(2)
                .check(RendezvousTryModel.class);
    }

    /** Shared by the models: the result of an operation as a comparable value. */
    static String describe(ChannelResult<?> r) {
        if (r instanceof ChannelResult.Success<?> s) {
            return s.value() == null ? "ok" : String.valueOf(s.value());
        }
        if (r instanceof ChannelResult.Closed<?> c) {
            return c.cause() instanceof CancellationException ? "cancelled" : "closed";
        }
        return "fail";
    }

    @Param(name = "value", gen = IntGen.class, conf = "1:4")
    public static class BufferedTryModel {
        private final Channel<Integer> ch = Channel.buffered(2);

        @Operation
        public String trySend(@Param(name = "value") int v) {
            return describe(ch.trySend(v));
        }

        @Operation
        public String tryReceive() {
            return describe(ch.tryReceive());
        }

        @Operation
        public boolean close() {
            return ch.close();
        }

        @Operation
        public void cancel() {
            ch.cancel();
        }

        @Operation
        public boolean isClosedForReceive() {
            return ch.isClosedForReceive();
        }

        @Operation
        public boolean isEmpty() {
            return ch.isEmpty();
        }
    }

    @Param(name = "value", gen = IntGen.class, conf = "1:4")
    public static class ConflatedModel {
        private final Channel<Integer> ch = Channel.conflated();

        @Operation
        public String send(@Param(name = "value") int v) {
            try {
                ch.send(v); // never suspends on a conflated channel
                return "ok";
            } catch (CancellationException e) {
                return "cancelled";
            } catch (ClosedSendChannelException e) {
                return "closed";
            }
        }

        @Operation
        public String trySend(@Param(name = "value") int v) {
            return describe(ch.trySend(v));
        }

        @Operation
        public String tryReceive() {
            return describe(ch.tryReceive());
        }

        @Operation
        public boolean close() {
            return ch.close();
        }

        @Operation
        public void cancel() {
            ch.cancel();
        }
    }

    @Param(name = "value", gen = IntGen.class, conf = "1:4")
    public static class RendezvousTryModel {
        private final Channel<Integer> ch = Channel.rendezvous();

        @Operation
        public String trySend(@Param(name = "value") int v) {
            return describe(ch.trySend(v));
        }

        @Operation
        public String tryReceive() {
            return describe(ch.tryReceive());
        }

        @Operation
        public boolean close() {
            return ch.close();
        }

        @Operation
        public boolean isClosedForReceive() {
            return ch.isClosedForReceive();
        }
    }

    // ================================================================== hand-written, parking

    @Test
    void rendezvousSendAndReceiveAreLinearizable() {
        Class<?> t = RendezvousBlocking.class;
        modelCheck(t, RendezvousSpec.class,
                scenario(t, threads(ops("send", 1, "send", 2), ops("receive", "receive"))),
                scenario(t, threads(ops("send", 1), ops("send", 2), ops("receive", "receive"))),
                scenario(t, threads(ops("send", 1, "close"), ops("tryReceive", "receive"))),
                scenario(t, threads(ops("send", 1, "close"), ops("receive", "receive"))),
                scenario(t, threads(ops("send", 1), ops("close"), ops("receive", "receive"))),
                scenario(t, threads(ops("receive"), ops("receive"), ops("send", 3, "send", 4))));
    }

    @Test
    void bufferedSendAndReceiveAreLinearizable() {
        Class<?> t = BufferedBlocking.class;
        modelCheck(t, BufferedSpec.class,
                scenario(t, threads(ops("send", 1, "send", 2, "send", 3), ops("receive", "receive", "receive"))),
                scenario(t, threads(ops("send", 1, "send", 2, "close"), ops("trySend", 3, "receive"), ops("receive", "receive"))),
                scenario(t, threads(ops("send", 1, "send", 2, "close"), ops("receive", "receive", "receive"))),
                scenario(t, threads(ops("send", 1, "send", 2), ops("cancel"), ops("tryReceive", "tryReceive"))));
    }

    @Test
    void conflatedSendAndReceiveAreLinearizable() {
        Class<?> t = ConflatedBlocking.class;
        modelCheck(t, ConflatedSpec.class,
                scenario(t, threads(ops("send", 1, "send", 2, "close"), ops("receive", "receive"))),
                scenario(t, threads(ops("send", 1), ops("send", 2), ops("receive"))),
                scenario(t, threads(ops("receive"), ops("send", 3, "close"))));
    }

    @Test
    void selectTakesFromExactlyOneChannel() {
        Class<?> t = SelectBlocking.class;
        modelCheck(t, TwoQueueSpec.class,
                scenario(t, threads(ops("sendA", 1), ops("sendB", 2), ops("selectReceive", "selectReceive"))),
                scenario(t, threads(ops("selectSend", 1), ops("selectReceive"))),
                scenario(t, threads(ops("sendB", 1, "sendA", 2), ops("selectReceive", "tryReceiveA", "closeA"),
                        ops("selectReceive"))));
    }

    private static void modelCheck(Class<?> target, Class<?> spec, ExecutionScenario... scenarios) {
        ModelCheckingOptions o = new ModelCheckingOptions().iterations(0).invocationsPerIteration(SCENARIO_INVOCATIONS)
                .sequentialSpecification(spec);
        for (ExecutionScenario s : scenarios) {
            o.addCustomScenario(s);
        }
        o.check(target);
    }

    private static ExecutionScenario scenario(Class<?> target, List<List<Object>> threads) {
        List<List<Actor>> parallel = new ArrayList<>();
        for (List<Object> thread : threads) {
            List<Actor> actors = new ArrayList<>();
            for (int i = 0; i < thread.size(); i++) {
                String name = (String) thread.get(i);
                List<Object> args = new ArrayList<>();
                if (i + 1 < thread.size() && thread.get(i + 1) instanceof Integer v) {
                    args.add(v);
                    i++;
                }
                actors.add(new Actor(method(target, name, args.size()), args));
            }
            parallel.add(actors);
        }
        return new ExecutionScenario(List.of(), parallel, List.of(), null);
    }

    private static Method method(Class<?> target, String name, int arity) {
        return Arrays.stream(target.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == arity)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(name + "/" + arity));
    }

    @SafeVarargs
    private static List<List<Object>> threads(List<Object>... threads) {
        List<List<Object>> all = new ArrayList<>(threads.length);
        for (List<Object> t : threads) {
            all.add(t);
        }
        return all;
    }

    private static List<Object> ops(Object... ops) {
        return List.of(ops);
    }

    /** The parking operations, results as comparable strings. */
    public abstract static class BlockingModel {
        final Channel<Integer> ch;

        BlockingModel(Channel<Integer> ch) {
            this.ch = ch;
        }

        @Operation
        public String send(int v) {
            try {
                ch.send(v);
                return "ok";
            } catch (CancellationException e) {
                return "cancelled";
            } catch (ClosedSendChannelException e) {
                return "closed";
            }
        }

        @Operation
        public String receive() {
            try {
                return String.valueOf(ch.receive());
            } catch (CancellationException e) {
                return "cancelled";
            } catch (ClosedReceiveChannelException e) {
                return "closed";
            }
        }

        @Operation
        public String trySend(int v) {
            return describe(ch.trySend(v));
        }

        @Operation
        public String tryReceive() {
            return describe(ch.tryReceive());
        }

        @Operation
        public boolean close() {
            return ch.close();
        }

        @Operation
        public void cancel() {
            ch.cancel();
        }
    }

    public static class RendezvousBlocking extends BlockingModel {
        public RendezvousBlocking() {
            super(Channel.rendezvous());
        }
    }

    public static class BufferedBlocking extends BlockingModel {
        public BufferedBlocking() {
            super(Channel.buffered(1));
        }
    }

    public static class ConflatedBlocking extends BlockingModel {
        public ConflatedBlocking() {
            super(Channel.conflated());
        }
    }

    /** Two rendezvous channels and biased selects over them. */
    public static class SelectBlocking {
        private final Channel<Integer> a = Channel.rendezvous();
        private final Channel<Integer> b = Channel.rendezvous();

        @Operation
        public String sendA(int v) {
            try {
                a.send(v);
                return "ok";
            } catch (ClosedSendChannelException e) {
                return "closed";
            }
        }

        @Operation
        public String sendB(int v) {
            b.send(v);
            return "ok";
        }

        @Operation
        public String selectReceive() {
            return Select.select(s -> s
                    .onReceiveCatching(a, r -> r.isClosed() ? "a:closed" : "a:" + r.getOrThrow())
                    .onReceive(b, v -> "b:" + v));
        }

        @Operation
        public String selectSend(int v) {
            return Select.select(s -> s.onSend(a, v, () -> "a").onSend(b, v, () -> "b"));
        }

        @Operation
        public String tryReceiveA() {
            return describe(a.tryReceive());
        }

        @Operation
        public boolean closeA() {
            return a.close();
        }
    }

    /** Specification of {@link SelectBlocking}: two FIFOs; a biased select prefers {@code a}. */
    public static class TwoQueueSpec {
        private final ArrayDeque<Integer> a = new ArrayDeque<>();
        private final ArrayDeque<Integer> b = new ArrayDeque<>();
        private boolean aClosed;

        public String sendA(int v) {
            if (aClosed) {
                return "closed";
            }
            a.add(v);
            return "ok";
        }

        public String sendB(int v) {
            b.add(v);
            return "ok";
        }

        public String selectReceive() {
            if (!a.isEmpty()) {
                return "a:" + a.poll();
            }
            if (aClosed) {
                return "a:closed";
            }
            if (!b.isEmpty()) {
                return "b:" + b.poll();
            }
            return "<would suspend forever>";
        }

        public String selectSend(int v) {
            // the element is sent to a (a rendezvous send counts as sent, as in QueueSpec)
            return aClosed ? "<throws>" : sendA(v).equals("ok") ? "a" : "<unreachable>";
        }

        public String tryReceiveA() {
            if (!a.isEmpty()) {
                return String.valueOf(a.poll());
            }
            return aClosed ? "closed" : "fail";
        }

        public boolean closeA() {
            if (aClosed) {
                return false;
            }
            aClosed = true;
            return true;
        }
    }

    /*
     * Every hand-written scenario must end in every interleaving: the blocking receives never
     * outnumber the elements that are certainly sent unless a close follows the sends, and every
     * send that may park has a receive (or a cancel) to release it.
     */

    /**
     * Sequential specification: a FIFO whose content is the buffered elements followed by the
     * suspended senders' elements; {@code trySend} succeeds only below {@code capacity}.
     * A receive on an empty open queue would suspend: in a sequential history it has no result,
     * so it returns a value no real execution produces and such an order is never chosen.
     */
    public abstract static class QueueSpec {
        private final ArrayDeque<Integer> q = new ArrayDeque<>();
        private final int capacity;
        private final boolean conflated;
        private boolean closed;
        private boolean cancelled;

        QueueSpec(int capacity, boolean conflated) {
            this.capacity = capacity;
            this.conflated = conflated;
        }

        private String closedResult() {
            return cancelled ? "cancelled" : "closed";
        }

        public String send(int v) {
            if (closed) {
                return closedResult();
            }
            if (conflated) {
                q.clear();
            }
            q.add(v);
            return "ok";
        }

        public String trySend(int v) {
            if (closed) {
                return closedResult();
            }
            if (!conflated && q.size() >= capacity) {
                return "fail";
            }
            return send(v);
        }

        public String receive() {
            if (!q.isEmpty()) {
                return String.valueOf(q.poll());
            }
            return closed ? closedResult() : "<would suspend forever>";
        }

        public String tryReceive() {
            if (!q.isEmpty()) {
                return String.valueOf(q.poll());
            }
            return closed ? closedResult() : "fail";
        }

        public boolean close() {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        }

        public void cancel() {
            if (!closed) {
                cancelled = true;
            }
            closed = true;
            q.clear();
        }
    }

    public static class RendezvousSpec extends QueueSpec {
        public RendezvousSpec() {
            super(0, false);
        }
    }

    public static class BufferedSpec extends QueueSpec {
        public BufferedSpec() {
            super(1, false);
        }
    }

    public static class ConflatedSpec extends QueueSpec {
        public ConflatedSpec() {
            super(1, true);
        }
    }
}
