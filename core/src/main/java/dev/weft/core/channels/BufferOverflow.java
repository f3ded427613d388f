package dev.weft.core.channels;

/**
 * What a bounded buffer does when a sender finds it full.
 */
public enum BufferOverflow {
    /** The sender suspends until there is room (backpressure). */
    SUSPEND,
    /** The oldest buffered element is dropped to make room; the sender never suspends. */
    DROP_OLDEST,
    /** The new element is dropped; the sender never suspends. */
    DROP_LATEST
}
