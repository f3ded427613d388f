package dev.weft.benchmarks.peers

import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.reactive.asFlow
import kotlinx.coroutines.reactive.asPublisher
import kotlinx.coroutines.runBlocking
import org.reactivestreams.Publisher
import reactor.core.publisher.Flux

/**
 * kotlinx-coroutines-reactive peer workloads for the Reactive Streams bridge benchmarks, callable
 * from Java JMH code. Each uses kotlinx's defaults (asFlow's default request size, asPublisher's
 * default context), as a user would.
 */
object KotlinxBridge {
    /** Flux.range(0, n) -> asFlow() -> collect, summing, in runBlocking. */
    @JvmStatic
    fun fluxToFlowSum(flux: Flux<Int>): Long = runBlocking {
        var sum = 0L
        flux.asFlow().collect { sum += it }
        sum
    }

    /** A flow of 0 until n as a Publisher (asPublisher()). */
    @JvmStatic
    fun flowAsPublisher(n: Int): Publisher<Int> = flow {
        for (i in 0 until n) {
            emit(i)
        }
    }.asPublisher()

    /** publisher -> asFlow() -> asPublisher(). */
    @JvmStatic
    fun roundTrip(publisher: Publisher<Int>): Publisher<Int> = publisher.asFlow().asPublisher()
}
