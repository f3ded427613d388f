package dev.weft.core;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A snapshot of one live coroutine, from {@link CoroutineDebug#liveCoroutines()}. */
public final class CoroutineInfo {
    private final Job job;
    private final Dispatcher runsOn;
    private final String name;
    private final String state;
    private final @Nullable String parent;
    private final String dispatcher;
    private final Thread.@Nullable State threadState;
    private final List<StackTraceElement> stackTrace;

    CoroutineInfo(Job job, String name, String state, @Nullable String parent, Dispatcher runsOn,
                  Thread.@Nullable State threadState, List<StackTraceElement> stackTrace) {
        this.job = Objects.requireNonNull(job);
        this.runsOn = Objects.requireNonNull(runsOn);
        this.name = Objects.requireNonNull(name);
        this.state = Objects.requireNonNull(state);
        this.parent = parent;
        this.dispatcher = runsOn.name();
        this.threadState = threadState;
        this.stackTrace = List.copyOf(stackTrace);
    }

    /**
     * Returns the coroutine's job: the same object in every snapshot while the coroutine lives, so a
     * tool can compare snapshots (a leak check) or cancel what it found.
     *
     * @return the coroutine's job
     */
    public Job job() {
        return job;
    }

    /**
     * Tells whether the coroutine runs on {@code d} (the dispatcher it was launched on).
     *
     * @param d a dispatcher
     * @return {@code true} if the coroutine's dispatcher is {@code d}
     */
    public boolean runsOn(Dispatcher d) {
        return runsOn == d;
    }

    /** {@return the coroutine's name (its {@link CoroutineName}, or {@code coroutine#id})} */
    public String name() {
        return name;
    }

    /** {@return the job state: ACTIVE, COMPLETING (waiting for children) or CANCELLING} */
    public String state() {
        return state;
    }

    /** {@return the name of the parent job, or null for a root coroutine} */
    public @Nullable String parent() {
        return parent;
    }

    /** {@return the name of the coroutine's dispatcher} */
    public String dispatcher() {
        return dispatcher;
    }

    /** {@return the state of the coroutine's virtual thread, or null if its body has finished} */
    public Thread.@Nullable State threadState() {
        return threadState;
    }

    /** {@return where the coroutine's virtual thread is (empty if its body has finished)} */
    public List<StackTraceElement> stackTrace() {
        return stackTrace;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append('"').append(name).append("\" ").append(state)
                .append(" on ").append(dispatcher);
        if (parent != null) {
            sb.append(", child of ").append(parent);
        }
        if (threadState != null) {
            sb.append(", thread ").append(threadState);
        }
        for (StackTraceElement e : stackTrace) {
            sb.append("\n    at ").append(e);
        }
        return sb.toString();
    }
}
