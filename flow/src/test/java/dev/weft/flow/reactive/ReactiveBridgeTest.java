package dev.weft.flow.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineName;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.flow.Flow;
import dev.weft.core.testkit.Fixtures;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The extension points of {@link ReactiveBridge}: the conversion's coroutine context, the
 * per-subscription context hook, the upstream hook, the dropped-error handler, and the awaits an
 * adapter needs. No adapter library here: hand-written Publishers and Subscribers only.
 */
class ReactiveBridgeTest {

    /** A user element, standing in for an adapter's (a Reactor context). */
    record Tag(String value) implements CoroutineContext.Element {
        static final CoroutineContext.Key<Tag> KEY = new CoroutineContext.Key<>("Tag");

        @Override
        public CoroutineContext.Key<?> key() {
            return KEY;
        }
    }

    /** A subscriber that carries a tag, as a Reactor CoreSubscriber carries its context. */
    static class TaggedSubscriber<T> extends TestSubscriber<T> {
        final String tag;

        TaggedSubscriber(String tag, long initialRequest) {
            super(initialRequest);
            this.tag = tag;
        }
    }

    /** Records dropped errors with the context they came with. */
    static final class Dropped implements DroppedErrorHandler {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final List<CoroutineContext> contexts = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);

        @Override
        public void onErrorDropped(Throwable error, CoroutineContext context) {
            errors.add(error);
            contexts.add(context);
            first.countDown();
        }

        void awaitFirst() throws InterruptedException {
            assertThat(first.await(10, TimeUnit.SECONDS)).as("a dropped error within 10 s").isTrue();
        }
    }

    /** Subscribes through the hook and records what it was given. */
    static final class RecordingUpstream implements UpstreamHook {
        final List<Object> publishers = new CopyOnWriteArrayList<>();
        final List<CoroutineContext> contexts = new CopyOnWriteArrayList<>();

        @Override
        public <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> subscriber, CoroutineContext context) {
            publishers.add(publisher);
            contexts.add(context);
            publisher.subscribe(subscriber);
        }
    }

    private static final SubscriberContext TAG_OF_SUBSCRIBER = s ->
            s instanceof TaggedSubscriber<?> t ? new Tag(t.tag) : CoroutineContext.empty();

    private static <T> T inCoroutine(CoroutineContext context, Callable<T> body) {
        return Coroutines.runBlocking(() -> Coroutines.coroutineScope((CoroutineScope scope) -> {
            Deferred<T> d = scope.async(context, body);
            return d.await();
        }));
    }

    private static @Nullable String tag(CoroutineContext ctx) {
        Tag t = ctx.get(Tag.KEY);
        return t == null ? null : t.value();
    }

    // =====================================================================================
    // Flow -> Publisher: the conversion's context and the per-subscription hook

    @Test
    void asPublisherRunsWithTheGivenContextAndItsDispatcher() throws Exception {
        AtomicReference<CoroutineContext> seen = new AtomicReference<>();
        Flow<Integer> flow = Flow.flow(c -> {
            seen.set(Coroutines.currentContext());
            c.emit(1);
        });
        TestSubscriber<Integer> s = new TestSubscriber<>(Long.MAX_VALUE);
        ReactiveFlows.asPublisher(flow, Dispatchers.IO.plus(new Tag("user")).plus(CoroutineName.of("mine")))
                .subscribe(s);
        s.awaitTerminated();
        assertThat(s.values).containsExactly(1);
        assertThat(seen.get().dispatcher()).isSameAs(Dispatchers.IO);
        assertThat(tag(seen.get())).isEqualTo("user");
        assertThat(seen.get().get(CoroutineName.KEY)).isEqualTo(CoroutineName.of("mine"));
    }

    @Test
    void aContextWithoutDispatcherMeansDefault() throws Exception {
        AtomicReference<@Nullable Dispatcher> seen = new AtomicReference<>();
        TestSubscriber<Integer> s = new TestSubscriber<>(1);
        ReactiveFlows.<Integer>publish(new Tag("t"), scope -> {
            seen.set(Coroutines.currentContext().dispatcher());
            scope.send(1);
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(s.completed).isTrue();
        assertThat(seen.get()).isSameAs(Dispatchers.DEFAULT);
    }

    @Test
    void eachSubscriptionGetsTheElementsOfItsSubscriberIncludingLaunchedChildren() throws Exception {
        ReactiveBridge bridge = ReactiveBridge.standard().withSubscriberContext(TAG_OF_SUBSCRIBER);
        Publisher<String> p = bridge.publish(new Tag("conversion"), scope -> {
            scope.send("body:" + tag(Coroutines.currentContext()));
            scope.async(() -> tag(Coroutines.currentContext())).await();
            Deferred<@Nullable String> child = scope.async(() -> tag(Coroutines.currentContext()));
            scope.send("child:" + child.await());
        });
        TaggedSubscriber<String> a = new TaggedSubscriber<>("A", Long.MAX_VALUE);
        TaggedSubscriber<String> b = new TaggedSubscriber<>("B", Long.MAX_VALUE);
        TestSubscriber<String> plain = new TestSubscriber<>(Long.MAX_VALUE);
        p.subscribe(a);
        p.subscribe(b);
        p.subscribe(plain);
        a.awaitTerminated();
        b.awaitTerminated();
        plain.awaitTerminated();
        assertThat(a.values).containsExactly("body:A", "child:A");
        assertThat(b.values).containsExactly("body:B", "child:B");
        assertThat(plain.values).as("the hook adds nothing: the conversion's element stays")
                .containsExactly("body:conversion", "child:conversion");
    }

    @Test
    void theHookReachesAsPublisherToo() throws Exception {
        ReactiveBridge bridge = ReactiveBridge.standard().withSubscriberContext(TAG_OF_SUBSCRIBER);
        Publisher<String> p = bridge.asPublisher(Flow.defer(() -> Flow.of(tag(Coroutines.currentContext()))),
                CoroutineContext.empty());
        TaggedSubscriber<String> a = new TaggedSubscriber<>("A", 5);
        p.subscribe(a);
        a.awaitTerminated();
        assertThat(a.values).containsExactly("A");
    }

    @Test
    void aFailingHookSignalsOnErrorAfterOnSubscribeAndRunsNothing() throws Exception {
        IllegalStateException boom = new IllegalStateException("no context for you");
        boolean[] ran = {false};
        Publisher<Integer> p = ReactiveBridge.standard().withSubscriberContext(s -> {
            throw boom;
        }).asPublisher(Flow.defer(() -> {
            ran[0] = true;
            return Flow.of(1);
        }), Dispatchers.DEFAULT);
        TestSubscriber<Integer> s = new TestSubscriber<>(1);
        p.subscribe(s);
        s.awaitTerminated();
        assertThat(s.subscription).isNotNull();
        assertThat(s.error).isSameAs(boom);
        assertThat(s.values).isEmpty();
        assertThat(ran[0]).isFalse();

        TestSubscriber<Integer> n = new TestSubscriber<>(1);
        ReactiveBridge.standard().withSubscriberContext(x -> null).asPublisher(Flow.of(1), CoroutineContext.empty())
                .subscribe(n);
        n.awaitTerminated();
        assertThat(n.error).isInstanceOf(NullPointerException.class).hasMessageContaining("SubscriberContext");
    }

    @Test
    void aForeignDispatcherIsRejectedAtAssembly() {
        Dispatcher foreign = Fixtures.foreignDispatcher();
        assertThatThrownBy(() -> ReactiveFlows.asPublisher(Flow.of(1), foreign.plus(new Tag("x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReactiveFlows.publish(new Tag("x").plus(foreign), s -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // =====================================================================================
    // completion without another request

    @Test
    void aFlowWhoseLastElementUsesTheDemandExactlyCompletesWithoutAnotherRequest() throws Exception {
        for (Publisher<Integer> p : List.of(
                ReactiveFlows.asPublisher(Flow.of(1, 2, 3), CoroutineContext.empty()),
                ReactiveFlows.<Integer>publish(CoroutineContext.empty(), s -> {
                    s.send(1);
                    s.send(2);
                    s.send(3);
                }))) {
            TestSubscriber<Integer> s = new TestSubscriber<>(3);
            p.subscribe(s);
            s.awaitTerminated();
            assertThat(s.values).containsExactly(1, 2, 3);
            assertThat(s.completed).isTrue();
        }
        TestSubscriber<Integer> failing = new TestSubscriber<>(2);
        ReactiveFlows.asPublisher(Flow.of(1, 2).onCompletion((c, out) -> {
            if (c == null) {
                throw new IOException("after the last element");
            }
        }), CoroutineContext.empty()).subscribe(failing);
        failing.awaitTerminated();
        assertThat(failing.values).containsExactly(1, 2);
        assertThat(failing.error).isInstanceOf(IOException.class);
    }

    // =====================================================================================
    // dropped errors, Flow -> Publisher side

    @Test
    void aSubscriberThatThrowsGoesToTheHandlerWithTheSubscriptionsContext() throws Exception {
        Dropped dropped = new Dropped();
        ReactiveBridge bridge = ReactiveBridge.standard().withSubscriberContext(TAG_OF_SUBSCRIBER)
                .withDroppedErrors(dropped);
        IllegalStateException boom = new IllegalStateException("onNext failed");
        AtomicReference<@Nullable Throwable> flowSaw = new AtomicReference<>();
        TaggedSubscriber<Integer> s = new TaggedSubscriber<>("S", 10) {
            @Override
            public void onNext(Integer t) {
                throw boom;
            }
        };
        bridge.asPublisher(Flow.of(1, 2, 3).onCompletion((c, out) -> flowSaw.set(c)), Dispatchers.DEFAULT).subscribe(s);
        dropped.awaitFirst();
        assertThat(dropped.errors).containsExactly(boom);
        assertThat(tag(dropped.contexts.get(0))).isEqualTo("S");
        assertThat(dropped.contexts.get(0).dispatcher()).isSameAs(Dispatchers.DEFAULT);
        assertThat(s.terminated.await(200, TimeUnit.MILLISECONDS)).as("§2.13: no signal after the failure").isFalse();
    }

    @Test
    void aFailureAfterCancelGoesToTheHandlerButACancellationDoesNot() throws Exception {
        Dropped dropped = new Dropped();
        CountDownLatch started = new CountDownLatch(1);
        Publisher<Integer> p = ReactiveBridge.standard().withDroppedErrors(dropped).publish(new Tag("p"), scope -> {
            scope.send(1);
            started.countDown();
            try {
                scope.awaitClose(() -> { });
            } catch (CancellationException cancelled) {
                throw new IOException("cleanup failed after the cancel");
            }
        });
        TestSubscriber<Integer> s = new TestSubscriber<>(1);
        p.subscribe(s);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        s.cancel();
        dropped.awaitFirst();
        assertThat(dropped.errors).singleElement().isInstanceOf(IOException.class);
        assertThat(tag(dropped.contexts.get(0))).isEqualTo("p");

        Dropped none = new Dropped();
        TestSubscriber<Integer> c = new TestSubscriber<>(1);
        CountDownLatch emitted = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        ReactiveBridge.standard().withDroppedErrors(none).asPublisher(Flow.<Integer>flow(col -> {
            col.emit(1);
            emitted.countDown();
            col.emit(2); // parks: no demand, until the cancel
        }).onCompletion((x, out) -> ended.countDown()), CoroutineContext.empty()).subscribe(c);
        assertThat(emitted.await(10, TimeUnit.SECONDS)).isTrue();
        c.cancel();
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50); // the coroutine's finish runs right after onCompletion
        assertThat(none.errors).as("a cancellation is not an undeliverable error").isEmpty();
    }

    // =====================================================================================
    // Publisher -> Flow: the upstream hook and dropped errors

    @Test
    void asFlowSubscribesThroughTheHookWithTheCollectorsContext() {
        RecordingUpstream hook = new RecordingUpstream();
        ReactiveBridge bridge = ReactiveBridge.standard().withUpstream(hook);
        RangePublisher source = new RangePublisher(0, 10);
        List<Integer> got = inCoroutine(new Tag("collector"), () -> bridge.<Integer>asFlow(source).toList());
        assertThat(got).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(hook.publishers).containsExactly(source);
        assertThat(tag(hook.contexts.get(0))).isEqualTo("collector");
        assertThat(source.requests.get(0)).isEqualTo(ReactiveFlows.DEFAULT_PREFETCH);

        List<Integer> small = inCoroutine(new Tag("c2"), () -> bridge.<Integer>asFlow(source, 4).toList());
        assertThat(small).hasSize(10);
        assertThat(source.requests.get(1)).as("the prefetch is per conversion").isEqualTo(4L);
    }

    @Test
    void withFlowOnTheHookRunsOnTheRequesterCoroutineWhichSeesTheCollectorsElements() {
        RecordingUpstream hook = new RecordingUpstream();
        RangePublisher source = new RangePublisher(0, 100);
        List<Integer> got = inCoroutine(new Tag("collector"),
                () -> ReactiveBridge.standard().withUpstream(hook).<Integer>asFlow(source).flowOn(Dispatchers.IO).toList());
        assertThat(got).hasSize(100);
        assertThat(hook.contexts).singleElement().satisfies(ctx -> {
            assertThat(tag(ctx)).isEqualTo("collector");
            assertThat(ctx.dispatcher()).isSameAs(Dispatchers.IO);
        });
    }

    @Test
    void aHookThatThrowsFailsTheCollectionCitingSection19() {
        IllegalStateException boom = new IllegalStateException("hook failed");
        ReactiveBridge bridge = ReactiveBridge.standard().withUpstream(new UpstreamHook() {
            @Override
            public <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> subscriber, CoroutineContext context) {
                throw boom;
            }
        });
        assertThatThrownBy(() -> inCoroutine(CoroutineContext.empty(), () -> bridge.asFlow(new RangePublisher(0, 1)).toList()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("§1.9").hasCause(boom);
        assertThatThrownBy(() -> inCoroutine(CoroutineContext.empty(), () -> bridge.awaitFirst(new RangePublisher(0, 1))))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("§1.9").hasCause(boom);
    }

    @Test
    void anErrorAfterTheCollectorCancelledGoesToTheHandlerWithTheCollectorsContext() throws Exception {
        Dropped dropped = new Dropped();
        ManualPublisher<Integer> source = new ManualPublisher<Integer>().onRequest((s, n) -> s.onNext(1));
        ReactiveBridge bridge = ReactiveBridge.standard().withDroppedErrors(dropped);
        List<Integer> got = inCoroutine(new Tag("collector"), () -> bridge.<Integer>asFlow(source).take(1).toList());
        assertThat(got).containsExactly(1);
        assertThat(source.cancels).hasValue(1);
        IOException late = new IOException("late");
        source.subscriber().onError(late); // legal after cancel (§2.8): nobody receives it
        assertThat(dropped.errors).containsExactly(late);
        assertThat(tag(dropped.contexts.get(0))).isEqualTo("collector");
    }

    @Test
    void aViolationAfterTheAwaitFinishedGoesToTheHandler() {
        Dropped dropped = new Dropped();
        ManualPublisher<Integer> source = new ManualPublisher<Integer>().onRequest((s, n) -> {
            s.onNext(1);
            s.onComplete();
        });
        ReactiveBridge bridge = ReactiveBridge.standard().withDroppedErrors(dropped);
        assertThat(inCoroutine(new Tag("awaiter"), () -> bridge.awaitSingle(source))).isEqualTo(1);
        source.subscriber().onComplete(); // a second terminal signal (§1.7), after the caller took its value
        assertThat(dropped.errors).singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("§1.7");
        assertThat(tag(dropped.contexts.get(0))).isEqualTo("awaiter");
    }

    @Test
    void aCancelThatThrowsWhenNobodyWaitsGoesToTheHandler() {
        Dropped dropped = new Dropped();
        RuntimeException boom = new RuntimeException("cancel failed");
        Publisher<Integer> source = s -> s.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {
                s.onNext(7);
            }

            @Override
            public void cancel() {
                throw boom;
            }
        });
        ReactiveBridge bridge = ReactiveBridge.standard().withDroppedErrors(dropped);
        assertThat(inCoroutine(new Tag("a"), () -> bridge.awaitFirst(source))).isEqualTo(7);
        assertThat(dropped.errors).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("§3.15").hasCause(boom);
        });
    }

    // =====================================================================================
    // awaits through the bridge

    @Test
    void awaitsSubscribeThroughTheHookWithTheAwaitersContext() {
        RecordingUpstream hook = new RecordingUpstream();
        ReactiveBridge bridge = ReactiveBridge.standard().withUpstream(hook);
        RangePublisher p = new RangePublisher(3, 4);
        CoroutineContext ctx = new Tag("awaiter");
        assertThat(inCoroutine(ctx, () -> bridge.awaitFirst(p))).isEqualTo(3);
        assertThat(inCoroutine(ctx, () -> bridge.awaitFirstOrNull(p))).isEqualTo(3);
        assertThat(inCoroutine(ctx, () -> bridge.awaitLast(p))).isEqualTo(6);
        assertThat(inCoroutine(ctx, () -> bridge.awaitSingle(new RangePublisher(9, 1)))).isEqualTo(9);
        assertThat(inCoroutine(ctx, () -> bridge.awaitSingleOrNull(new RangePublisher(9, 0)))).isNull();
        assertThat(hook.contexts).hasSize(5).allSatisfy(c -> assertThat(tag(c)).isEqualTo("awaiter"));
    }

    @Test
    void awaitSingleOrNullWaitsForCompletionAndNeverCancelsAfterTheValue() throws Exception {
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> s.onNext(42));
        Deferred<@Nullable Integer> d;
        try (var scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            d = scope.async(() -> ReactiveFlows.awaitSingleOrNull(p));
            p.awaitSubscribed();
            while (p.requests.isEmpty()) {
                Thread.sleep(1);
            }
            Thread.sleep(50);
            assertThat(d.isCompleted()).as("the value alone does not decide: onComplete may still fail").isFalse();
            p.subscriber().onComplete();
            assertThat(d.asCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(42);
        }
        assertThat(p.requests).containsExactly(2L);
        assertThat(p.cancels).as("spring-framework #25007: no cancel after the value").hasValue(0);

        assertThat(inCoroutine(CoroutineContext.empty(), () -> ReactiveFlows.awaitSingleOrNull(new RangePublisher(0, 0)))).isNull();
        RangePublisher two = new RangePublisher(0, 5);
        assertThatThrownBy(() -> inCoroutine(CoroutineContext.empty(), () -> ReactiveFlows.awaitSingleOrNull(two)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("awaitSingleOrNull")
                .hasMessageContaining("more than one");
        assertThat(two.cancels).hasValue(1);
        ManualPublisher<Integer> failing = new ManualPublisher<Integer>().onRequest((s, n) -> {
            s.onNext(1);
            s.onError(new IllegalStateException("commit failed"));
        });
        assertThatThrownBy(() -> inCoroutine(CoroutineContext.empty(), () -> ReactiveFlows.awaitSingleOrNull(failing)))
                .isInstanceOf(IllegalStateException.class).hasMessage("commit failed");
        assertThat(failing.cancels).hasValue(0);
    }

    @Test
    void awaitSingleOrNullCancelledFromOutsideCancelsTheSubscription() throws Exception {
        ManualPublisher<Integer> p = new ManualPublisher<>();
        Deferred<@Nullable Integer> d;
        try (var scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            d = scope.async(() -> ReactiveFlows.awaitSingleOrNull(p));
            p.awaitSubscribed();
            d.cancel();
            p.awaitCancelled();
            assertThatThrownBy(d::await).isInstanceOf(CancellationException.class);
        }
    }

    // =====================================================================================
    // the JDK variant goes through the same machinery

    @Test
    void jdkVariantTakesAContextAndAwaitsSingleOrNull() throws Exception {
        AtomicReference<CoroutineContext> seen = new AtomicReference<>();
        java.util.concurrent.Flow.Publisher<Integer> p = JdkReactiveFlows.asPublisher(Flow.defer(() -> {
            seen.set(Coroutines.currentContext());
            return Flow.of(5);
        }), new Tag("jdk"));
        assertThat(inCoroutine(CoroutineContext.empty(), () -> JdkReactiveFlows.awaitSingleOrNull(p))).isEqualTo(5);
        assertThat(tag(seen.get())).isEqualTo("jdk");
        assertThat(seen.get().dispatcher()).isSameAs(Dispatchers.DEFAULT);
        java.util.concurrent.Flow.Publisher<Integer> empty = JdkReactiveFlows.publish(Dispatchers.IO, s -> { });
        assertThat(inCoroutine(CoroutineContext.empty(), () -> JdkReactiveFlows.awaitSingleOrNull(empty))).isNull();
    }

    // =====================================================================================
    // races: the hooks under subscribe / cancel races (bounded in count and time)

    @Test
    void hookedSubscriptionsRacingWithCancelEndCleanlyAndDropNothing() throws Exception {
        Dropped dropped = new Dropped();
        ReactiveBridge bridge = ReactiveBridge.standard().withSubscriberContext(TAG_OF_SUBSCRIBER)
                .withDroppedErrors(dropped);
        Publisher<String> p = bridge.publish(Dispatchers.DEFAULT, scope -> {
            String tag = tag(Coroutines.currentContext());
            for (int i = 0; i < 50; i++) {
                scope.send(tag + ":" + i);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int rounds = 0;
        for (int round = 0; round < 300 && System.nanoTime() < deadline; round++, rounds++) {
            TaggedSubscriber<String> s = new TaggedSubscriber<>("r" + round, 0);
            p.subscribe(s);
            s.request(1 + round % 7);
            Thread canceller = Thread.ofPlatform().start(s::cancel);
            s.request(100);
            canceller.join();
            // either cancelled (maybe after some elements) or done; every element is this subscriber's
            for (String v : s.values) {
                assertThat(v).startsWith("r" + round + ":");
            }
            assertThat(s.error).isNull();
            assertThat(s.terminalSignals).isLessThanOrEqualTo(1);
        }
        assertThat(rounds).isGreaterThan(10);
        Thread.sleep(50); // coroutines ending after their cancel report nothing either
        assertThat(dropped.errors).isEmpty();
    }
}
