/**
 * Testing weft code: virtual time ({@link dev.weft.test.WeftTest#runTest(dev.weft.core.ScopeBlock)}
 * and the {@link dev.weft.test.RunTest} annotation), a flow test helper in the Turbine style
 * ({@link dev.weft.test.FlowTester}) and a JUnit 5 leak check
 * ({@link dev.weft.test.NoLeakedCoroutines}).
 *
 * <p><b>What virtual time covers</b>: weft's own time on the test dispatcher ({@code delay},
 * {@code withTimeout}, {@code withTimeoutOrNull}, {@code select} timeouts, the flow operators
 * {@code debounce}, {@code sample}, {@code timeout} and tickers) and, when they are on the class path,
 * Reactor's {@code VirtualTimeScheduler} and RxJava's {@code TestScheduler}. <b>What it cannot
 * cover</b>: {@link java.lang.Thread#sleep}, timed JDK waits, socket I/O and code on other
 * dispatchers run in real time; a test that waits on them while the virtual clock has somewhere to
 * go is reported (see {@link dev.weft.test.VirtualTimeDivergenceError}) rather than left to diverge.
 */
@NullMarked
package dev.weft.test;

import org.jspecify.annotations.NullMarked;
