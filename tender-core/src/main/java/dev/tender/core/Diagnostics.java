package dev.tender.core;

import java.io.PrintStream;

/** Where the tender's own messages go: stderr, each line prefixed with the program name, like err(3). */
public final class Diagnostics {
    private final String program;
    private final PrintStream err;

    public Diagnostics(String program, PrintStream err) {
        this.program = program;
        this.err = err;
    }

    public String program() {
        return program;
    }

    /** Prints {@code <prog>: <message>} (a warning; the tender goes on). */
    public void warn(String message) {
        err.println(program + ": " + message);
        err.flush();
    }

    /** Prints the text as it is, for usage text and unprefixed messages. */
    public void raw(String text) {
        err.print(text);
        err.flush();
    }

    /** Reports a fatal error the way Solo5 does and returns the exit status to use. */
    public int report(TenderException e, String usage) {
        if (e.prefixed()) {
            warn(e.getMessage());
        } else {
            raw(e.getMessage() + "\n");
        }
        if (e.printsUsage() && usage != null) {
            raw(usage);
        }
        return e.exitStatus();
    }
}
