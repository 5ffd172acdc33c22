package dev.tender.it.host;

import java.time.Duration;

/** A command running on a {@link TestHost}: its output so far, signals, and its exit status. */
public interface HostProcess {
    /** What the command printed on stdout so far (all of it once it has exited). */
    String stdout();

    /** What the command printed on stderr so far (all of it once it has exited). */
    String stderr();

    boolean isAlive();

    /** Sends signal {@code name} ("TERM", "INT", "KILL", ...) to the command. */
    void signal(String name);

    /** Waits for the command to end; false when it is still running after {@code timeout}. */
    boolean waitFor(Duration timeout);

    /** The exit status (128 + N after signal N); only after {@link #waitFor} returned true. */
    int exitValue();

    /** Kills the command and waits for it to be gone. */
    default void kill() {
        signal("KILL");
        if (!waitFor(Duration.ofSeconds(30))) {
            throw new AssertionError("the command did not end after SIGKILL");
        }
    }
}
