package dev.weft.benchmarks.channels;

import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.channels.Channel;
import java.util.concurrent.locks.LockSupport;

/** The channel workloads on weft: the same shapes as the kotlinx and JDK peers. */
final class WeftWorkloads {
    private WeftWorkloads() {
    }

    /** {@code rounds} round trips over two rendezvous channels: 2 * rounds handoffs. */
    static int pingPong(Dispatcher d, int rounds) {
        return Coroutines.runBlocking(d, () -> Coroutines.coroutineScope(scope -> {
            Channel<Integer> ping = Channel.rendezvous();
            Channel<Integer> pong = Channel.rendezvous();
            scope.launch(() -> {
                for (int i = 0; i < rounds; i++) {
                    pong.send(ping.receive() + 1);
                }
            });
            int x = 0;
            for (int i = 0; i < rounds; i++) {
                ping.send(x);
                x = pong.receive();
            }
            return x;
        }));
    }

    /**
     * The floor under a rendezvous handoff between coroutines: the same ping-pong with bare
     * park/unpark of the two virtual threads and a volatile turn flag, no channel at all.
     */
    static int parkUnparkPingPong(Dispatcher d, int rounds) {
        return Coroutines.runBlocking(d, () -> Coroutines.coroutineScope(scope -> {
            Turn turn = new Turn();
            turn.a = Thread.currentThread();
            scope.launch(() -> {
                turn.b = Thread.currentThread();
                for (int i = 0; i < rounds; i++) {
                    while (turn.value != 1) {
                        LockSupport.park(turn);
                    }
                    turn.value = 0;
                    LockSupport.unpark(turn.a);
                }
            });
            while (turn.b == null) {
                Thread.yield();
            }
            for (int i = 0; i < rounds; i++) {
                turn.value = 1;
                LockSupport.unpark(turn.b);
                while (turn.value != 0) {
                    LockSupport.park(turn);
                }
            }
            return turn.value;
        }));
    }

    /** Shared state of {@link #parkUnparkPingPong}. */
    private static final class Turn {
        volatile int value;
        volatile Thread a;
        volatile Thread b;
    }

    /** One producer sends {@code elements} through a channel of {@code capacity}; one consumer sums. */
    static long throughput(Dispatcher d, int capacity, int elements) {
        return Coroutines.runBlocking(d, () -> Coroutines.coroutineScope(scope -> {
            Channel<Integer> ch = Channel.buffered(capacity);
            scope.launch(() -> {
                for (int i = 0; i < elements; i++) {
                    ch.send(i);
                }
                ch.close();
            });
            long sum = 0;
            for (int x : ch) {
                sum += x;
            }
            return sum;
        }));
    }

    /** {@code elements} elements through a chain of {@code length} rendezvous channels and relays. */
    static long chain(Dispatcher d, int length, int elements) {
        return Coroutines.runBlocking(d, () -> Coroutines.coroutineScope(scope -> {
            @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array
            Channel<Integer>[] channels = new Channel[length + 1];
            for (int i = 0; i <= length; i++) {
                channels[i] = Channel.rendezvous();
            }
            for (int i = 0; i < length; i++) {
                Channel<Integer> in = channels[i];
                Channel<Integer> out = channels[i + 1];
                scope.launch(() -> {
                    for (int x : in) {
                        out.send(x);
                    }
                    out.close();
                });
            }
            scope.launch(() -> {
                for (int i = 0; i < elements; i++) {
                    channels[0].send(i);
                }
                channels[0].close();
            });
            long sum = 0;
            for (int x : channels[length]) {
                sum += x;
            }
            return sum;
        }));
    }
}
