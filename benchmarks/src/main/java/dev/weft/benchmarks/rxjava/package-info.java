/**
 * RxJava adapter benchmarks (issue 13): Flowable through a flow and back, Observable into a flow,
 * and the per-subscription cost of {@code rxSingle}; each against kotlinx-coroutines-rx3 (and, for
 * the Flowable chain, a pure RxJava chain) in the same run. Figures and ratios are recorded in
 * {@code docs/benchmarks.md}.
 */
package dev.weft.benchmarks.rxjava;
