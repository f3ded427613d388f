package dev.weft.benchmarks.peers

import io.reactivex.rxjava3.core.Flowable
import io.reactivex.rxjava3.core.Observable
import io.reactivex.rxjava3.core.Single
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.rx3.asFlow
import kotlinx.coroutines.rx3.asFlowable
import kotlinx.coroutines.rx3.await
import kotlinx.coroutines.rx3.rxSingle
import kotlinx.coroutines.runBlocking
import org.reactivestreams.Publisher
import kotlinx.coroutines.reactive.asFlow as asPublisherFlow
import java.util.concurrent.atomic.AtomicLong

/**
 * kotlinx-coroutines-rx3 peer workloads for the RxJava adapter benchmarks (issue 13), callable from
 * Java JMH code. Each uses kotlinx's defaults (asFlow's buffer, asFlowable's and rxSingle's default
 * contexts), as a user would.
 */
object KotlinxRx3 {
    /** flowable -> asFlow() (kotlinx-coroutines-reactive: a Flowable is a Publisher) -> map { it + 1 } -> asFlowable(). */
    @JvmStatic
    fun flowableRoundTrip(flowable: Flowable<Int>): Flowable<Int> =
        (flowable as Publisher<Int>).asPublisherFlow().map { it + 1 }.asFlowable()

    /** observable -> asFlow() -> collect, summing and publishing the count to [consumed], in runBlocking. */
    @JvmStatic
    fun observableSum(observable: Observable<Int>, consumed: AtomicLong): Long = runBlocking {
        var sum = 0L
        var n = 0L
        observable.asFlow().collect {
            sum += it
            consumed.lazySet(++n)
        }
        sum
    }

    /** rxSingle { single.await() } on kotlinx's default dispatcher. */
    @JvmStatic
    fun rxSingleAwait(single: Single<Int>): Single<Int> = rxSingle { single.await() }
}
