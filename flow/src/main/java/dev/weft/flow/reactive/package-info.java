/**
 * The bridge between flows and Reactive Streams ({@code org.reactivestreams}, in
 * {@link dev.weft.flow.reactive.ReactiveFlows}) and the JDK's {@code java.util.concurrent.Flow}
 * (in {@link dev.weft.flow.reactive.JdkReactiveFlows}), and its extension points for adapters
 * ({@link dev.weft.flow.reactive.ReactiveBridge} with a {@link dev.weft.flow.reactive.SubscriberContext},
 * an {@link dev.weft.flow.reactive.UpstreamHook} and a
 * {@link dev.weft.flow.reactive.DroppedErrorHandler}; ADR 0007).
 *
 * <h2>How it is built</h2>
 * <ul>
 *   <li><b>Publisher to flow</b> ({@code asFlow}): the collecting coroutine subscribes; the
 *       Subscriber requests {@code prefetch} (256 by default) inside {@code onSubscribe}, so a
 *       source that starts at once never finds zero demand, and the collector requests as much
 *       again each time 75% of that has been emitted downstream. All calls on the Subscription
 *       are serialized (§2.7). The Publisher's signals fill a single-producer / single-consumer ring
 *       buffer of exactly {@code prefetch} slots; the collector is woken only when it is parked,
 *       and not at all when the Publisher signals on the collector's own thread (a synchronous
 *       Publisher emitting inside {@code request}). It fuses with a following {@code buffer},
 *       {@code conflate} and {@code flowOn} ({@link dev.weft.flow.internal.FusibleFlow}).
 *       {@code flowOn(d)} is honoured, not declined: a Publisher's "upstream" is its
 *       {@code subscribe} and {@code request} calls (a synchronous Publisher produces inside
 *       them), so those, and {@code cancel}, move to a coroutine on {@code d}; the elements still
 *       cross to the collector through the same queue.</li>
 *   <li><b>Flow to Publisher</b> ({@code asPublisher}, {@code publish}): every subscription runs
 *       its own coroutine. The coroutine is launched by {@code subscribe}, right after
 *       {@code onSubscribe} returned, and runs the producer up to its first element, where it
 *       parks until the first {@code request}. Starting there rather than on the first request
 *       is deliberate: a flow that fails (or completes) before emitting then signals
 *       {@code onError} ({@code onComplete}) without waiting for demand, which is what the TCK
 *       requires of a failed publisher (§1.9) and what {@code Flux.error} does. With demand
 *       available the coroutine never parks; demand is one CAS-updated total that saturates at
 *       {@code Long.MAX_VALUE} (§3.17).</li>
 *   <li><b>Awaits</b>: the caller subscribes, requests what it needs (1 for
 *       {@code awaitFirst}, 2 for {@code awaitSingle} and {@code awaitSingleOrNull}, everything for
 *       {@code awaitLast}), parks until the outcome is known and cancels what it no longer needs
 *       (never after the only element of a single await: it waits for the terminal signal).</li>
 * </ul>
 *
 * <h2>Rules</h2>
 * <p>Every Publisher here passes the Reactive Streams TCK ({@code PublisherVerification} and the
 * {@code java.util.concurrent.Flow} variant), and the Subscribers behind {@code asFlow} and the
 * awaits pass the whitebox and blackbox Subscriber verifications. {@code request(n <= 0)} fails
 * the subscription with an {@link java.lang.IllegalArgumentException} citing §3.9. A foreign
 * Publisher that breaks a rule (signals beyond demand §1.1, after a terminal signal §1.7, before
 * {@code onSubscribe} §1.9, a second {@code onSubscribe} §2.12, a {@code null} §2.13) fails the
 * collection or the await with an exception whose message starts with the rule; the elements it
 * legally delivered before that are emitted first, and the subscription is cancelled. Signals
 * that arrive after weft cancelled are legal (§2.8): they are never delivered downstream; an
 * error among them goes to the bridge's {@link dev.weft.flow.reactive.DroppedErrorHandler} (by
 * default the logger).
 */
@NullMarked
package dev.weft.flow.reactive;

import org.jspecify.annotations.NullMarked;
