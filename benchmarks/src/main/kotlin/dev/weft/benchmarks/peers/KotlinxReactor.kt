package dev.weft.benchmarks.peers

import java.time.Duration
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactive.awaitSingle
import kotlinx.coroutines.reactor.asFlux
import kotlinx.coroutines.reactor.mono
import reactor.core.publisher.Flux
import reactor.core.publisher.Mono

/**
 * kotlinx-coroutines-reactor peer workloads for the Reactor adapter benchmarks, callable from Java
 * JMH code, with kotlinx's defaults as a user would write them.
 */
object KotlinxReactor {
    /** Benchmark 1: flux.asFlow().map { it + 1 }.asFlux(). */
    @JvmStatic
    fun pipeline(flux: Flux<Int>): Flux<Int> = flux.asFlow().map { it + 1 }.asFlux()

    /** Benchmark 2: mono { m.awaitSingle() }. */
    @JvmStatic
    fun monoAwait(m: Mono<Int>): Mono<Int> = mono { m.awaitSingle() }

    /** Benchmark 3: one handler call awaiting three Monos, each delayed by [delay], one after another. */
    @JvmStatic
    fun handler(i: Int, delay: Duration): Mono<Int> = mono {
        val a = Mono.delay(delay).thenReturn(i).awaitSingle()
        val b = Mono.delay(delay).thenReturn(a + 1).awaitSingle()
        val c = Mono.delay(delay).thenReturn(b + 1).awaitSingle()
        a + b + c
    }
}
