package dev.weft.benchmarks.peers

import kotlinx.coroutines.*
import kotlinx.coroutines.channels.BufferOverflow
import kotlinx.coroutines.flow.*

/** kotlinx.coroutines peer workloads for the hot-flow benchmarks, callable from Java JMH code. */
object KotlinxHot {
    /**
     * One emitter and [subscribers] collectors of a MutableSharedFlow(0, [extra], SUSPEND) on
     * Dispatchers.Default; returns when every collector has received all [n] elements.
     */
    @JvmStatic
    fun sharedFlow(n: Int, extra: Int, subscribers: Int): Long = runBlocking(Dispatchers.Default) {
        val flow = MutableSharedFlow<Int>(0, extra, BufferOverflow.SUSPEND)
        val subs = List(subscribers) {
            async {
                var sum = 0L
                flow.take(n).collect { sum += it }
                sum
            }
        }
        flow.subscriptionCount.first { it == subscribers }
        for (i in 0 until n) flow.emit(i)
        subs.sumOf { it.await() }
    }

    /**
     * Sets a MutableStateFlow to 0 until [n] - 1 while one collector on Dispatchers.Default waits
     * for the last value (it sees a conflated subset); returns when it has seen it.
     */
    @JvmStatic
    fun stateFlow(n: Int): Int = runBlocking(Dispatchers.Default) {
        val flow = MutableStateFlow(-1)
        val sub = async { flow.first { it == n - 1 } }
        flow.subscriptionCount.first { it == 1 }
        for (i in 0 until n) flow.value = i
        sub.await()
    }

    /** A MutableStateFlow for [updates], created here so the benchmark can keep it in its state. */
    @JvmStatic
    fun newStateFlow(): MutableStateFlow<Int> = MutableStateFlow(0)

    /**
     * [n] increments of [flow] by `update`, without collectors: the cost of an update alone. The
     * flow is held by the caller (a local one could have its lock elided by escape analysis).
     */
    @JvmStatic
    fun updates(flow: MutableStateFlow<Int>, n: Int): Int {
        for (i in 0 until n) flow.update { it + 1 }
        return flow.value
    }
}
