package dev.weft.flow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Coroutines;
import dev.weft.flow.SharingCommand;
import dev.weft.flow.SharingStarted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code whileSubscribed} reads the subscription count through a view registered before the
 * sharing coroutine starts, whose first collection replays every change since registration. When
 * the strategy acts on the current value without collecting (the count had already moved on), that
 * history is stale and must not be replayed by a later wait: it used to make the strategy see an
 * old subscriber in the history and START the upstream once more with nobody subscribed (the
 * rare third upstream collection of ShareInTest's replay-expiration test, under load).
 */
class WhileSubscribedHistoryTest {

    /** Ends the command collection once the strategy has reset the replay cache. */
    private static final class Reset extends RuntimeException {
        Reset() {
            super(null, null, false, false);
        }
    }

    @Test
    void aSubscriberAlreadyGoneWhenTheStrategyLooksAgainIsNotReplayedFromTheHistory() throws Exception {
        SharedSubscriptionCount counter = new SharedSubscriptionCount(0);
        SharedSubscriptionCount.Registered view = counter.registerNow();
        counter.set(1); // a subscriber arrives before the sharing coroutine runs
        SharingStarted strategy = SharingStarted.whileSubscribed(Duration.ZERO, Duration.ofMillis(20));
        List<SharingCommand> commands = new ArrayList<>();
        Coroutines.runBlocking(() -> {
            try {
                strategy.command(view).collect(c -> {
                    commands.add(c);
                    if (c == SharingCommand.START && commands.size() == 1) {
                        counter.set(0); // ... and is gone before the strategy's next step
                    }
                    if (c == SharingCommand.STOP_AND_RESET_REPLAY_CACHE) {
                        throw new Reset();
                    }
                });
            } catch (Reset expected) {
                // the strategy now waits for the next subscriber
            }
            return null;
        });
        assertThat(commands).containsExactly(SharingCommand.START, SharingCommand.STOP,
                SharingCommand.STOP_AND_RESET_REPLAY_CACHE);
    }
}
