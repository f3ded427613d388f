package dev.weft.benchmarks.channels;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.function.Supplier;

/**
 * The channel workloads on JDK blocking queues, every party a virtual thread on the JDK's default
 * scheduler: {@link SynchronousQueue} is the JDK's rendezvous, {@link ArrayBlockingQueue} its
 * bounded buffer. A negative number is the end-of-stream marker.
 */
final class JdkWorkloads {
    private static final Integer END = -1;

    private JdkWorkloads() {
    }

    static int pingPong(Supplier<BlockingQueue<Integer>> queues, int rounds) throws InterruptedException {
        BlockingQueue<Integer> ping = queues.get();
        BlockingQueue<Integer> pong = queues.get();
        int[] result = new int[1];
        Thread peer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    pong.put(ping.take() + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread main = Thread.ofVirtual().start(() -> {
            try {
                int x = 0;
                for (int i = 0; i < rounds; i++) {
                    ping.put(x);
                    x = pong.take();
                }
                result[0] = x;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        main.join();
        peer.join();
        return result[0];
    }

    static long throughput(int capacity, int elements) throws InterruptedException {
        BlockingQueue<Integer> q = new ArrayBlockingQueue<>(capacity);
        long[] sum = new long[1];
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < elements; i++) {
                    q.put(i);
                }
                q.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread consumer = Thread.ofVirtual().start(() -> {
            try {
                long s = 0;
                for (int x = q.take(); x >= 0; x = q.take()) {
                    s += x;
                }
                sum[0] = s;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.join();
        consumer.join();
        return sum[0];
    }

    static long chain(Supplier<BlockingQueue<Integer>> queues, int length, int elements) throws InterruptedException {
        @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array
        BlockingQueue<Integer>[] qs = new BlockingQueue[length + 1];
        for (int i = 0; i <= length; i++) {
            qs[i] = queues.get();
        }
        Thread[] relays = new Thread[length];
        for (int i = 0; i < length; i++) {
            BlockingQueue<Integer> in = qs[i];
            BlockingQueue<Integer> out = qs[i + 1];
            relays[i] = Thread.ofVirtual().start(() -> {
                try {
                    for (int x = in.take(); ; x = in.take()) {
                        out.put(x);
                        if (x < 0) {
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        long[] sum = new long[1];
        Thread source = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < elements; i++) {
                    qs[0].put(i);
                }
                qs[0].put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread sink = Thread.ofVirtual().start(() -> {
            try {
                long s = 0;
                for (int x = qs[length].take(); x >= 0; x = qs[length].take()) {
                    s += x;
                }
                sum[0] = s;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        source.join();
        sink.join();
        for (Thread t : relays) {
            t.join();
        }
        return sum[0];
    }
}
