package dev.weft.rxjava3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.ThrowingRunnable;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.testkit.NullArguments;
import dev.weft.flow.Flow;
import dev.weft.core.testkit.Fixtures;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every public entry point of the adapter rejects null with a NullPointerException naming the parameter; factories are cold. */
class BadInputTest {
    private final OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT);

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void everyPublicMethodRejectsNullArguments() throws Exception {
        NullArguments.Result r = NullArguments.check(List.of(RxFlows.class, ObservableOverflow.class), this::sample);
        assertThat(r.problems()).isEmpty();
        assertThat(r.checked()).isGreaterThan(30);
    }

    private Object sample(Class<?> type) {
        if (type == Flowable.class) {
            return Flowable.never();
        }
        if (type == Observable.class) {
            return Observable.never();
        }
        if (type == Single.class) {
            return Single.never();
        }
        if (type == Maybe.class) {
            return Maybe.never();
        }
        if (type == Completable.class) {
            return Completable.never();
        }
        if (type == ObservableOverflow.class) {
            return ObservableOverflow.DEFAULT;
        }
        if (type == Flow.class) {
            return Flow.empty();
        }
        if (type == Dispatcher.class) {
            return Dispatchers.DEFAULT;
        }
        if (type == Scheduler.class) {
            return Schedulers.single();
        }
        if (type == Deferred.class) {
            return scope.async(() -> 1);
        }
        if (type == Job.class) {
            return scope.launch(() -> { });
        }
        if (type == Callable.class) {
            return (Callable<Object>) () -> 1;
        }
        if (type == ThrowingRunnable.class) {
            return (ThrowingRunnable) () -> { };
        }
        if (type == ProducerBlock.class) {
            return (ProducerBlock<Object>) s -> { };
        }
        throw new AssertionError("no sample for " + type);
    }

    @Test
    void foreignDispatchersAreRejectedAtAssembly() {
        Dispatcher foreign = Fixtures.foreignDispatcher();
        assertThatThrownBy(() -> RxFlows.asFlowable(Flow.empty(), foreign)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RxFlows.rxSingle(foreign, () -> 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RxFlows.rxFlowable(foreign, s -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void conversionsAndBuildersAreCold() {
        AtomicInteger subscribed = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        RxFlows.asFlow(Flowable.never().doOnSubscribe(s -> subscribed.incrementAndGet()));
        RxFlows.asFlow(Observable.never().doOnSubscribe(s -> subscribed.incrementAndGet()));
        RxFlows.asFlow(Single.never().doOnSubscribe(s -> subscribed.incrementAndGet()));
        RxFlows.rxSingle(ran::incrementAndGet);
        RxFlows.rxMaybe(ran::incrementAndGet);
        RxFlows.rxCompletable(ran::incrementAndGet);
        RxFlows.rxFlowable(s -> ran.incrementAndGet());
        RxFlows.rxObservable(s -> ran.incrementAndGet());
        RxFlows.asFlowable(Flow.flow(out -> ran.incrementAndGet()));
        assertThat(subscribed).hasValue(0);
        assertThat(ran).hasValue(0);
    }
}
