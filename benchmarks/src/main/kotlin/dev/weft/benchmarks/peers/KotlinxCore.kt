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
}
