package dev.tender.core.cli;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.module.TenderModule;
import dev.tender.manifest.Manifest;
import java.util.List;

/**
 * The two passes of solo5-hvt and solo5-spt over their arguments (docs/cli.md §2.3). Pass 1 finds KERNEL (and
 * answers --help and --version); pass 2, after the image's notes are read, gives each option to the core
 * ({@code --mem=}) or a module, with Solo5's quirk of offering the argument after {@code --mem=} too. Between
 * them, {@link #preopen} lets the modules open their devices early (without reporting anything).
 */
public final class CommandLine {
    /** Default guest memory: 512 MiB. */
    public static final long DEFAULT_MEMORY = 0x20000000L;

    /** What pass 1 found. */
    public enum Action { RUN, HELP, VERSION, MISSING_KERNEL }

    private final List<String> args;
    private Action action = Action.MISSING_KERNEL;
    private int kernel = -1;
    private long memory = DEFAULT_MEMORY;

    public CommandLine(List<String> args) {
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

    /**
     * Answers what pass 1 found the way Solo5's tenders do: the usage text on --help (status 1), the version on
     * --version (status 0), {@code Missing KERNEL operand} with the usage when there is no KERNEL. Returns the
     * exit status, or -1 when there is a KERNEL to run.
     */
    public int answerPassOne(Diagnostics diag, String usage, String version) throws TenderException {
        switch (action) {
            case HELP:
                diag.raw(usage);
                return 1;
            case VERSION:
                diag.raw(version);
                return 0;
            case MISSING_KERNEL:
                throw TenderException.withUsage("Missing KERNEL operand");
            default:
                return -1;
        }
    }

    public Action action() {
        return action;
    }

    public String kernel() {
        return args.get(kernel);
    }

    /** The guest's arguments: everything after KERNEL. */
    public List<String> guestArgs() {
        return args.subList(kernel + 1, args.size());
    }

    /** Requested memory in bytes (before rounding). */
    public long memory() {
        return memory;
    }

    /** Every argument as given (options, KERNEL, the guest's arguments). */
    public List<String> arguments() {
        return List.copyOf(args);
    }

    /**
     * The options before KERNEL, up to a {@code --}: every argument pass 2 can offer the modules (RUN only).
     */
    public List<String> optionsBeforeKernel() {
        int end = args.subList(0, kernel).indexOf("--");
        return args.subList(0, end < 0 ? kernel : end);
    }

    /**
     * Between the passes, before the image is opened: lets every module open the devices its options name
     * ({@link TenderModule#preopen}); pass 2 then reports each outcome where upstream reports it.
     */
    public void preopen(List<TenderModule> modules) {
        List<String> options = optionsBeforeKernel();
        for (TenderModule m : modules) {
            m.preopen(options);
        }
    }

    /** Pass 2: every option before KERNEL must be --mem= or accepted by a module. */
    public void applyOptions(List<TenderModule> modules, Manifest manifest, Diagnostics diag) throws TenderException {
        int i = 0;
        while (i < kernel) {
            String a = args.get(i);
            if (a.equals("--")) {
                return;
            }
            boolean matched = false;
            if (a.startsWith("--mem=")) {
                memory = parseMemory(a.substring("--mem=".length()));
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

    /**
     * Parses the text after {@code --mem=} like sscanf("%zd"): leading white space, an optional sign, decimal
     * digits, trailing junk ignored. Returns the size in bytes ({@code N << 20}, wrapping as size_t does).
     */
    public static long parseMemory(String text) throws TenderException {
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int digits = i;
        long value = 0;
        boolean overflow = false;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            int d = text.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - d) / 10) {
                overflow = true;
            } else {
                value = value * 10 + d;
            }
            i++;
        }
        if (i == digits) {
            throw new TenderException("Malformed argument to --mem");
        }
        if (overflow) {
            value = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else if (negative) {
            value = -value;
        }
        long bytes = value << 20;
        if (bytes == 0) {
            throw new TenderException("Malformed argument to --mem");
        }
        return bytes;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
