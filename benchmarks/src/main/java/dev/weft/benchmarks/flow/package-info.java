/**
 * Flow benchmarks (issue 4): (a) a synchronous operator chain, (b) flatMapConcat / flatMapMerge,
 * (c) zip, (d) an asynchronous boundary; each against Reactor, RxJava, kotlinx Flow and, for (a),
 * {@code java.util.stream}. Figures and ratios are recorded in {@code docs/benchmarks.md}.
 */
package dev.weft.benchmarks.flow;
