package dev.weft.core;

import dev.weft.core.internal.CoroutineImpl;
import dev.weft.core.internal.Registry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The registry of live coroutines, for diagnostics and leak checks. Coroutines are found by walking
 * the job tree, so the registry costs nothing per coroutine; a walk takes time proportional to the
 * number of live jobs.
 */
public final class CoroutineDebug {
    private CoroutineDebug() {
    }

    /**
     * Returns a snapshot of every coroutine that has not completed (parents before children).
     *
     * @return the live coroutines, with name, state, parent, dispatcher and stack trace
     */
    public static List<CoroutineInfo> liveCoroutines() {
        return liveCoroutines(true);
    }

    /**
     * Returns a snapshot of every coroutine that has not completed (parents before children), with or
     * without stack traces. Without them the walk is cheap enough for a tool that polls (a test
     * scheduler that looks at the thread states of its coroutines, a leak check that takes a
     * baseline).
     *
     * @param stackTraces whether to take each running coroutine's stack trace
     * @return the live coroutines; {@link CoroutineInfo#stackTrace()} is empty without stack traces
     */
    public static List<CoroutineInfo> liveCoroutines(boolean stackTraces) {
        List<CoroutineInfo> out = new ArrayList<>();
        for (CoroutineImpl<?> c : Registry.liveCoroutines()) {
            Thread t = Registry.thread(c);
            boolean running = t != null && t.isAlive();
            out.add(new CoroutineInfo(c, Registry.name(c), Registry.state(c), Registry.parentName(c),
                    Registry.dispatcher(c), running ? t.getState() : null,
                    running && stackTraces ? Arrays.asList(t.getStackTrace()) : List.of()));
        }
        return out;
    }

    /**
     * Returns the number of live coroutines, without taking stack traces.
     *
     * @return how many coroutines have not completed
     */
    public static int liveCount() {
        return Registry.liveCoroutines().size();
    }

    /**
     * Renders {@link #liveCoroutines()} as text, one block per coroutine.
     *
     * @return a readable dump
     */
    public static String dump() {
        List<CoroutineInfo> live = liveCoroutines();
        StringBuilder sb = new StringBuilder("weft: ").append(live.size()).append(" live coroutine(s)");
        for (CoroutineInfo i : live) {
            sb.append("\n").append(i);
        }
        return sb.toString();
    }
}
