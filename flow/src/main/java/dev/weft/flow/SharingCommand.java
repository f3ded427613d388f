package dev.weft.flow;

/**
 * What a {@link SharingStarted} strategy tells a sharing coroutine to do. The coroutine acts on each
 * command that differs from the previous one.
 */
public enum SharingCommand {
    /** Start collecting the upstream flow, if not collecting already. */
    START,
    /** Stop collecting the upstream flow (cancel its collection); keep the replay cache. */
    STOP,
    /**
     * Stop collecting the upstream flow and reset the replay cache: a shared flow forgets its
     * replay cache, a state flow goes back to its initial value.
     */
    STOP_AND_RESET_REPLAY_CACHE
}
