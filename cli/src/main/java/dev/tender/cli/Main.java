package dev.tender.cli;

import dev.tender.core.Diagnostics;
import dev.tender.core.StartupTraining;
import dev.tender.hvt.HvtTender;
import dev.tender.manifest.elftool.Elftool;
import dev.tender.spt.SptTender;
import java.util.List;

/**
 * Entry point of {@code bin/tender}. The tender commands (hvt, spt, elftool) parse their arguments exactly as
 * the Solo5 tools do, so they are dispatched directly, without loading picocli; everything else goes through
 * the picocli command tree. Invoked through a link named {@code solo5-hvt}, {@code solo5-spt} or
 * {@code solo5-elftool}, tender behaves as that tool, name included (docs/cli.md §1).
 */
public final class Main {
    /** The Solo5 release whose ABI and command-line contract tender follows. */
    public static final String SOLO5_VERSION = "v0.12.1";
    static final String TRAINING_SEPARATOR = "+++";

    private Main() {
    }

    public static void main(String[] argv) {
        String argv0 = System.getProperty("tender.argv0", "tender");
        if (StartupTraining.active()) {
            System.exit(train(argv0, List.of(argv)));
        }
        int status = run(argv0, List.of(argv));
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /**
     * A start-up training run (bin/tender-cds): the commands separated by {@value #TRAINING_SEPARATOR}, one
     * after the other in this JVM, so that one archive covers them all. Returns the first non-zero status.
     */
    static int train(String argv0, List<String> args) {
        int first = 0;
        int from = 0;
        for (int i = 0; i <= args.size(); i++) {
            if (i == args.size() || args.get(i).equals(TRAINING_SEPARATOR)) {
                int status = run(argv0, args.subList(from, i));
                first = first == 0 ? status : first;
                from = i + 1;
            }
        }
        return first;
    }

    static int run(String argv0, List<String> args) {
        String tool = argv0.substring(argv0.lastIndexOf('/') + 1);
        switch (tool) {
            case "solo5-hvt":
                return hvt(tool, args);
            case "solo5-hvt-debug":
                return hvtDebug(tool, args);
            case "solo5-spt":
                return spt(tool, args);
            case "solo5-elftool":
                return elftool(tool, args);
            default:
                break;
        }
        if (!args.isEmpty()) {
            List<String> rest = args.subList(1, args.size());
            switch (args.get(0)) {
                case "hvt":
                    return hvt(tool + " hvt", rest);
                case "hvt-debug":
                    return hvtDebug(tool + " hvt-debug", rest);
                case "spt":
                    return spt(tool + " spt", rest);
                case "elftool":
                    return elftool(tool + " elftool", rest);
                default:
                    break;
            }
        }
        int answered = TopLevelAnswers.answer(args, System.out, System.err);
        return answered >= 0 ? answered : TenderCommand.execute(args.toArray(new String[0]));
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return (v == null ? "dev" : v) + " (Solo5 " + SOLO5_VERSION + " ABI)";
    }

    static int hvt(String prog, List<String> args) {
        return new HvtTender(new Diagnostics(prog, System.err), version()).run(args);
    }

    /** The debug tender (docs/debugging.md): gdb and dumpcore, no seccomp. */
    static int hvtDebug(String prog, List<String> args) {
        return new HvtTender(new Diagnostics(prog, System.err), version(), true).run(args);
    }

    /** On success the process becomes the spt guest (the JVM is replaced) and this does not return. */
    static int spt(String prog, List<String> args) {
        return new SptTender(new Diagnostics(prog, System.err), version()).run(args);
    }

    static int elftool(String prog, List<String> args) {
        return Elftool.run(prog, version(), args, System.in, System.out, System.err);
    }
}
