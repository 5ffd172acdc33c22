package dev.tender.core.console;

import dev.tender.core.sys.Terminal;
import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * What a long operation says while it runs. On a terminal, a status that is overwritten in place (carriage
 * return, erase to end of line), cut to the terminal's width so it never wraps, and erased before any
 * permanent line; elsewhere (logs, pipes, the journal) only permanent lines, and each status as a plain line
 * only when asked to ({@link #status(String, boolean)}). All output goes to one stream; calls may come from
 * several threads.
 */
public final class StatusLine {
    private static final String ERASE = "\r\033[K";
    private static final int DEFAULT_COLUMNS = 80;

    private final PrintStream out;
    private final boolean live;
    private final IntSupplier columns;
    private boolean showing;

    /**
     * @param live whether {@code out} is a terminal that understands carriage return and erase-line
     * @param columns the terminal's current width (0 when unknown); read at every status, so a resize is seen
     */
    public StatusLine(PrintStream out, boolean live, IntSupplier columns) {
        this.out = out;
        this.live = live;
        this.columns = columns;
    }

    /** A status line for standard error: live when it is a terminal and TERM is not {@code dumb}. */
    public static StatusLine forStderr(PrintStream err, String term) {
        boolean tty = Terminal.isTerminal(2) && term != null && !term.isEmpty()
                && !term.equals("dumb");
        return new StatusLine(err, tty, () -> Terminal.columns(2));
    }

    public boolean live() {
        return live;
    }

    /** Replaces the status on a terminal; dropped elsewhere. */
    public void status(String text) {
        status(text, false);
    }

    /** Replaces the status on a terminal; elsewhere, printed as a permanent line when {@code logged}. */
    public void status(String text, boolean logged) {
        synchronized (out) {
            if (!live) {
                if (logged) {
                    out.println(text);
                }
                return;
            }
            int width = columns.getAsInt();
            out.print(ERASE + fit(text, (width > 0 ? width : DEFAULT_COLUMNS) - 1));
            out.flush();
            showing = true;
        }
    }

    /** A line that stays: the status is erased first and shown again by the next {@link #status} call. */
    public void line(String text) {
        synchronized (out) {
            clear();
            out.println(text);
        }
    }

    /** Erases the status, if one is shown (before anything else is printed to the same terminal). */
    public void clear() {
        synchronized (out) {
            if (showing) {
                out.print(ERASE);
                out.flush();
                showing = false;
            }
        }
    }

    /** {@code text} cut to {@code width} characters (ending in "..."), single-line. */
    static String fit(String text, int width) {
        String one = text.replace('\n', ' ').replace('\r', ' ');
        if (width <= 0) {
            return "";
        }
        if (one.length() <= width) {
            return one;
        }
        return width < 4 ? one.substring(0, width) : one.substring(0, width - 3) + "...";
    }
}
