package dev.weft.core.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

class NoLeakedCoroutinesTest {

    @BeforeEach
    void enable() {
        LeakingFixtures.enabled = true;
    }

    @AfterEach
    void disable() {
        LeakingFixtures.enabled = false;
    }

    private static org.junit.platform.testkit.engine.Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectMethod(LeakingFixtures.class, method))
                .execute()
                .testEvents();
    }

    @Test
    void failsATestThatLeavesACoroutineRunningAndNamesIt() {
        run("leavesACoroutineRunning").assertThatEvents().haveExactly(1,
                event(test("leavesACoroutineRunning"), finishedWithFailure(instanceOf(AssertionError.class),
                        message(m -> m.contains("left 1 coroutine(s) running") && m.contains("Coroutines.delay")))));
    }

    @Test
    void passesATestThatClosesItsScope() {
        run("cleansUpAfterItself").assertThatEvents().haveExactly(1, event(test("cleansUpAfterItself"), finishedSuccessfully()));
    }

    @Test
    void givesFinishingCoroutinesAGracePeriod() {
        run("coroutineFinishingJustAfterTheTestIsNotALeak").assertThatEvents()
                .haveExactly(1, event(test("coroutineFinishingJustAfterTheTestIsNotALeak"), finishedSuccessfully()));
    }
}
