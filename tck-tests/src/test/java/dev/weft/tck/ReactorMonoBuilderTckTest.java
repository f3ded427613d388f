package dev.weft.tck;

import dev.weft.reactor.ReactorFlows;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.flow.support.TestException;

/**
 * {@code ReactorFlows.mono(block)}: at most one element; a null result completes empty.
 *
 * <p>Why 14 required tests report "skipped": with {@link #maxElementsFromPublisher()} = 1 (a Mono
 * cannot produce more) the TCK itself skips every test that needs a stream of 2, 3, 10 or more
 * elements (§1.1, §1.2, §1.5, §3.2, §3.3, §3.6, §3.9, §3.12, §3.13, §3.17 as verified by the TCK).
 * {@code mono{}} is {@code Mono.fromDirect} over the same bridge {@code publish} coroutine as
 * {@code flux{}}, which {@link ReactorFluxBuilderTckTest} verifies with those tests running; the
 * one-element cases (request 0 or negative: §3.9; cancel: §3.12) are also covered by
 * {@code ReactorFlowsTest} in the adapter module.
 */
public class ReactorMonoBuilderTckTest extends WeftPublisherTck<Long> {

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactorFlows.mono(() -> elements == 0 ? null : 1L);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return ReactorFlows.mono(() -> {
            throw new TestException();
        });
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
