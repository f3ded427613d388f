package dev.weft.benchmarks.reactor;

import dev.weft.benchmarks.peers.KotlinxReactor;
import dev.weft.benchmarks.peers.KotlinxRx3;
import dev.weft.reactor.ReactorFlows;
import dev.weft.rxjava3.RxFlows;
import io.reactivex.rxjava3.core.Single;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The latency of one subscription with its thread wake-ups, weft against kotlinx, measured in
 * pairs: {@code mono { await(Mono.just(1)) }.block()} and {@code rxSingle { await(Single.just(1))
 * }.blockingGet()} from a platform thread, each side's default dispatcher.
 *
 * <p>Why not only JMH: on a 2-core VM whose host is noisy, the single-subscription rows of
 * {@code ReactorBenchmarks}/{@code RxBenchmarks} move by ±20-50% from fork to fork, because they
 * mostly measure the operating system's wake-up latency (two wake-ups per round trip). Here the
 * four shapes run in interleaved blocks in one JVM, so a noisy minute hits all of them alike, and
 * every round trip is timed, so the percentiles show whether a difference is in the typical case
 * or in the tail.
 *
 * <p>Run: {@code mvn -B -Pprobe -DskipTests -pl benchmarks -am package -Dprobe.args="15 1000"}
 * (blocks per shape, round trips per block).
 */
public final class RoundTripProbe {
    private RoundTripProbe() {
    }

    public static void main(String[] args) {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        if (blocks < 1 || perBlock < 10) {
            throw new IllegalArgumentException("need at least 1 block of 10 round trips: " + blocks + " " + perBlock);
        }
        Mono<Integer> mono = Mono.just(1);
        Single<Integer> single = Single.just(1);
        Map<String, Supplier<Integer>> shapes = new LinkedHashMap<>();
        shapes.put("weft mono", () -> ReactorFlows.mono(() -> ReactorFlows.await(mono)).block());
        shapes.put("kotlinx mono", () -> KotlinxReactor.monoAwait(mono).block());
        shapes.put("weft rxSingle", () -> RxFlows.rxSingle(() -> RxFlows.await(single)).blockingGet());
        shapes.put("kotlinx rxSingle", () -> KotlinxRx3.rxSingleAwait(single).blockingGet());

        for (int i = 0; i < 5_000; i++) { // warm-up: compile every path on both sides
            for (Supplier<Integer> shape : shapes.values()) {
                check(shape.get());
            }
        }
        Map<String, long[]> times = new LinkedHashMap<>();
        shapes.keySet().forEach(name -> times.put(name, new long[blocks * perBlock]));
        for (int b = 0; b < blocks; b++) {
            for (Map.Entry<String, Supplier<Integer>> shape : shapes.entrySet()) {
                long[] t = times.get(shape.getKey());
                for (int i = 0; i < perBlock; i++) {
                    long start = System.nanoTime();
                    check(shape.getValue().get());
                    t[b * perBlock + i] = System.nanoTime() - start;
                }
            }
        }
        System.out.printf("%d round trips per shape, in %d interleaved blocks (µs)%n", blocks * perBlock, blocks);
        System.out.printf("%-17s %8s %8s %8s %8s %8s%n", "shape", "mean", "p10", "p50", "p90", "p99");
        Map<String, Double> means = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : times.entrySet()) {
            long[] t = e.getValue();
            double mean = Arrays.stream(t).average().orElseThrow() / 1_000.0;
            means.put(e.getKey(), mean);
            Arrays.sort(t);
            System.out.printf("%-17s %8.1f %8.1f %8.1f %8.1f %8.1f%n", e.getKey(), mean,
                    at(t, 0.10), at(t, 0.50), at(t, 0.90), at(t, 0.99));
        }
        List<String> ratios = new ArrayList<>();
        for (String what : List.of("mono", "rxSingle")) {
            ratios.add(String.format("%s %.2f", what, means.get("weft " + what) / means.get("kotlinx " + what)));
        }
        System.out.println("weft / kotlinx mean round trip (below 1: weft faster): " + String.join(", ", ratios));
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1_000.0;
    }

    private static void check(Integer value) {
        if (value == null || value != 1) {
            throw new AssertionError("a round trip returned " + value);
        }
    }
}
