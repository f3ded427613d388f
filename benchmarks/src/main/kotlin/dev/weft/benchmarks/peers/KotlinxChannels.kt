package dev.weft.benchmarks.peers

import kotlinx.coroutines.*
import kotlinx.coroutines.channels.Channel

/**
 * kotlinx.coroutines peer workloads for the channel benchmarks, callable from Java JMH code.
 * `dispatcher == null` runs everything in `runBlocking`'s event loop on the calling thread (the
 * single-thread configuration); otherwise on the given dispatcher (Dispatchers.Default).
 */
object KotlinxChannels {
    private fun <T> run(dispatcher: CoroutineDispatcher?, block: suspend CoroutineScope.() -> T): T =
        if (dispatcher == null) runBlocking { block() } else runBlocking(dispatcher) { block() }

    /** [rounds] round trips over two rendezvous channels: 2 * rounds handoffs. */
    @JvmStatic
    fun pingPong(dispatcher: CoroutineDispatcher?, rounds: Int): Int = run(dispatcher) {
        val ping = Channel<Int>()
        val pong = Channel<Int>()
        launch {
            repeat(rounds) { pong.send(ping.receive() + 1) }
        }
        var x = 0
        repeat(rounds) {
            ping.send(x)
            x = pong.receive()
        }
        x
    }

    /** One producer sends [elements] through a channel of [capacity]; one consumer sums them. */
    @JvmStatic
    fun throughput(dispatcher: CoroutineDispatcher?, capacity: Int, elements: Int): Long = run(dispatcher) {
        val ch = Channel<Int>(capacity)
        launch {
            for (i in 0 until elements) ch.send(i)
            ch.close()
        }
        var sum = 0L
        for (x in ch) sum += x
        sum
    }

    /** [elements] elements through a chain of [length] rendezvous channels and relay coroutines. */
    @JvmStatic
    fun chain(dispatcher: CoroutineDispatcher?, length: Int, elements: Int): Long = run(dispatcher) {
        val channels = Array(length + 1) { Channel<Int>() }
        for (i in 0 until length) {
            val input = channels[i]
            val output = channels[i + 1]
            launch {
                for (x in input) output.send(x)
                output.close()
            }
        }
        launch {
            for (i in 0 until elements) channels[0].send(i)
            channels[0].close()
        }
        var sum = 0L
        for (x in channels[length]) sum += x
        sum
    }

    /** The multi-thread configuration: kotlinx's default pool. */
    @JvmStatic
    fun defaultDispatcher(): CoroutineDispatcher = Dispatchers.Default
}
