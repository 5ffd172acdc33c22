package dev.tender.hvt;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.module.TenderModule;
import dev.tender.hvt.boot.MemorySize;
import dev.tender.manifest.Manifest;
import java.util.List;

/**
 * solo5-hvt's two passes over the arguments (cli.md §1.2). Pass 1 finds KERNEL (and answers --help and
 * --version); pass 2, after the image's notes are read, gives each option to the core or a module.
 */
final class CommandLine {
    /** What pass 1 found. */
    enum Action { RUN, HELP, VERSION, MISSING_KERNEL }

    private final List<String> args;
    private Action action = Action.MISSING_KERNEL;
    private int kernel = -1;
    private long memory = MemorySize.DEFAULT;

    CommandLine(List<String> args) {
        this.args = args;
        scan();
    }

    private void scan() {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                action = Action.RUN;
                kernel = i;
                return;
            }
            if (a.equals("--")) {
                if (i + 1 < args.size()) {
                    action = Action.RUN;
                    kernel = i + 1;
                }
                return;
            }
            if (a.equals("--help")) {
                action = Action.HELP;
                return;
            }
            if (a.equals("--version")) {
                action = Action.VERSION;
                return;
            }
        }
    }

    Action action() {
        return action;
    }

    String kernel() {
        return args.get(kernel);
    }

    /** The guest's arguments: everything after KERNEL. */
    List<String> guestArgs() {
        return args.subList(kernel + 1, args.size());
    }

    /** Requested memory in bytes (before rounding). */
    long memory() {
        return memory;
    }

    /** Pass 2: every option before KERNEL must be --mem= or accepted by a module. */
    void applyOptions(List<TenderModule> modules, Manifest manifest, Diagnostics diag) throws TenderException {
        int i = 0;
        while (i < kernel) {
            String a = args.get(i);
            if (a.equals("--")) {
                return;
            }
            boolean matched = false;
            if (a.startsWith("--mem=")) {
                memory = MemorySize.parse(a.substring("--mem=".length()));
                matched = true;
                i++;
            }
            if (i < args.size() && offer(args.get(i), modules, manifest, diag)) {
                matched = true;
                i++;
            }
            if (!matched) {
                throw TenderException.withUsage("Invalid option: `" + a + "'");
            }
        }
    }

    private static boolean offer(String arg, List<TenderModule> modules, Manifest manifest, Diagnostics diag)
            throws TenderException {
        for (TenderModule m : modules) {
            if (m.handleOption(arg, manifest, diag)) {
                return true;
            }
        }
        return false;
    }
}
