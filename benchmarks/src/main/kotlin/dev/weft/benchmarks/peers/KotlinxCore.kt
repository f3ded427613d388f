package dev.weft.benchmarks.peers

import kotlinx.coroutines.*

/** kotlinx.coroutines peer workloads for the core-runtime benchmarks, callable from Java JMH code. */
object KotlinxCore {
    /** Launches [n] coroutines that complete at once, on Dispatchers.Default; returns when all are done. */
    @JvmStatic
    fun launchAndComplete(n: Int): Int = runBlocking(Dispatchers.Default) {
        var count = 0
        coroutineScope {
            repeat(n) { launch { } }
        }
        count += n
        count
    }

    /** Heap per coroutine of [n] coroutines suspended in delay, as [measure] computes it. */
    @JvmStatic
    fun suspendedFootprint(n: Int, measure: java.util.function.LongSupplier): Long = suspendedFootprintImpl(n, measure)
}

/** Memory of [n] coroutines suspended in delay, measured by [measure] while they are suspended. */
fun suspendedFootprintImpl(n: Int, measure: java.util.function.LongSupplier): Long = runBlocking(Dispatchers.Default) {
    val parked = java.util.concurrent.CountDownLatch(n)
    val jobs = ArrayList<Job>(n)
    repeat(n) {
        jobs += launch {
            parked.countDown()
            delay(600_000)
        }
    }
    parked.await()
    val result = measure.asLong
    jobs.forEach { it.cancel() }
    result
}
