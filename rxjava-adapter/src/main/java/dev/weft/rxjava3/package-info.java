/**
 * RxJava 3 adapter: {@link dev.weft.rxjava3.RxFlows} converts {@code Flowable}, {@code Observable},
 * {@code Single}, {@code Maybe} and {@code Completable} to flows and awaited values and back, builds
 * RxJava types from coroutines, and converts schedulers and dispatchers both ways;
 * {@link dev.weft.rxjava3.ObservableOverflow} is the explicit overflow policy for an
 * {@code Observable}, which has no backpressure.
 */
@NullMarked
package dev.weft.rxjava3;

import org.jspecify.annotations.NullMarked;
