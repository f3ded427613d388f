package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Coroutines;
import dev.weft.core.Job;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @RunTest} on a class runs every test method inside runTest; a method annotation overrides it. */
@RunTest
class RunTestAnnotationTest {
    private boolean beforeEachWasVirtual = true;

    @BeforeEach
    void before() {
        beforeEachWasVirtual = WeftTest.isVirtualTime();
    }

    @Test
    void theMethodBodyRunsOnVirtualTime() {
        assertThat(beforeEachWasVirtual).isFalse();
        assertThat(WeftTest.isVirtualTime()).isTrue();
        Coroutines.delay(Duration.ofDays(7));
        assertThat(WeftTest.currentTime()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void checkedExceptionsOfTheMethodPassThrough() throws Exception {
        Coroutines.delay(Duration.ofSeconds(1));
        assertThat(WeftTest.currentTime()).isEqualTo(Duration.ofSeconds(1));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void parameterizedTestsRunInsideToo(int days) {
        Coroutines.delay(Duration.ofDays(days));
        assertThat(WeftTest.currentTime()).isEqualTo(Duration.ofDays(days));
    }

    @Test
    @RunTest(autoAdvance = false)
    void aMethodAnnotationOverridesTheClassOne() {
        Job job = WeftTest.backgroundScope().launch(() -> Coroutines.delay(Duration.ofSeconds(1)));
        WeftTest.runCurrent();
        assertThat(job.isActive()).isTrue();
        WeftTest.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(job.isCompleted()).isTrue();
    }
}
