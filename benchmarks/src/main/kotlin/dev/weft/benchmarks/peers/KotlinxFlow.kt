package dev.weft.benchmarks.peers

import kotlinx.coroutines.*
import kotlinx.coroutines.flow.*

/** kotlinx.coroutines Flow peer workloads for the flow benchmarks, callable from Java JMH code. */
@OptIn(ExperimentalCoroutinesApi::class, FlowPreview::class)
object KotlinxFlow {
    /** (a) range(0, n).map { it + 1 }.filter { it % 2 == 0 }.fold(0L) { acc, x -> acc + x } */
    @JvmStatic
    fun syncChain(n: Int): Long = runBlocking {
        (0 until n).asFlow().map { it + 1 }.filter { it % 2 == 0 }.fold(0L) { acc, x -> acc + x }
    }

    /** (b) flatMapConcat of small inner flows: outer elements, each mapped to [inner] elements. */
    @JvmStatic
    fun flatMapConcat(outer: Int, inner: Int): Long = runBlocking {
        (0 until outer).asFlow().flatMapConcat { i -> (i until i + inner).asFlow() }.fold(0L) { acc, x -> acc + x }
    }

    /** (b) flatMapMerge of small inner flows, with the given concurrency. */
    @JvmStatic
    fun flatMapMerge(outer: Int, inner: Int, concurrency: Int): Long = runBlocking(Dispatchers.Default) {
        (0 until outer).asFlow().flatMapMerge(concurrency) { i -> (i until i + inner).asFlow() }
            .fold(0L) { acc, x -> acc + x }
    }

    /** (c) zip of two ranges. */
    @JvmStatic
    fun zip(n: Int): Long = runBlocking(Dispatchers.Default) {
        (0 until n).asFlow().zip((0 until n).asFlow()) { a, b -> a + b }.fold(0L) { acc, x -> acc + x }
    }

    /** (d) an async boundary: the producer on Dispatchers.Default (flowOn) with a buffer of [buffer]. */
    @JvmStatic
    fun flowOn(n: Int, buffer: Int): Long = runBlocking {
        (0 until n).asFlow().flowOn(Dispatchers.Default).buffer(buffer).fold(0L) { acc, x -> acc + x }
    }

    /** (d) an async boundary without a dispatcher change: buffer(n) only (producer coroutine in the same dispatcher). */
    @JvmStatic
    fun buffer(n: Int, buffer: Int): Long = runBlocking(Dispatchers.Default) {
        (0 until n).asFlow().buffer(buffer).fold(0L) { acc, x -> acc + x }
    }
}
