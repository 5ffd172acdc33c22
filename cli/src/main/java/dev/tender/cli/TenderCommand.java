package dev.tender.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The top-level {@code tender} command: help, version, and the subcommands. */
@Command(name = "tender", mixinStandardHelpOptions = true, versionProvider = TenderCommand.Version.class,
        description = "A Java tender and launcher for Solo5 unikernels.",
        subcommands = {TenderCommand.Hvt.class, TenderCommand.HvtDebug.class, TenderCommand.Spt.class, TenderCommand.Elftool.class,
                SystemdCommand.class, BuildCommand.class, OperateCommands.Ps.class, OperateCommands.Logs.class,
                OperateCommands.Start.class, OperateCommands.Stop.class, OperateCommands.Restart.class,
                OperateCommands.Update.class, ObserveCommands.Stats.class, ObserveCommands.Metrics.class})
final class TenderCommand implements Callable<Integer> {

    static int execute(String[] args) {
        return new CommandLine(new TenderCommand()).execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tender " + Main.version()};
        }
    }

    /** Reached only for help listings: the real dispatch of {@code tender hvt} happens in {@link Main}. */
    @Command(name = "hvt", description = "Boot an hvt unikernel on Linux/KVM (drop-in for solo5-hvt).")
    static final class Hvt implements Callable<Integer> {
        @Parameters(description = "[--mem=MB] [--] KERNEL [ARGS...]; see 'tender hvt --help'")
        List<String> args = List.of();

        @Override
        public Integer call() {
            return Main.hvt("tender hvt", args);
        }
    }

    /** Reached only for help listings: the real dispatch of {@code tender hvt-debug} happens in {@link Main}. */
    @Command(name = "hvt-debug", description = "hvt with --gdb and --dumpcore, unconfined (drop-in for solo5-hvt-debug).")
    static final class HvtDebug implements Callable<Integer> {
        @Parameters(description = "[--gdb [--gdb-port=N]] [--dumpcore=DIR] [--] KERNEL [ARGS...]; "
                + "see 'tender hvt-debug --help'")
        List<String> args = List.of();

        @Override
        public Integer call() {
            return Main.hvtDebug("tender hvt-debug", args);
        }
    }

    /** Reached only for help listings: the real dispatch of {@code tender spt} happens in {@link Main}. */
    @Command(name = "spt", description = "Run an spt unikernel in a seccomp-sandboxed process (drop-in for solo5-spt).")
    static final class Spt implements Callable<Integer> {
        @Parameters(description = "[--mem=MB] [--] KERNEL [ARGS...]; see 'tender spt --help'")
        List<String> args = List.of();

        @Override
        public Integer call() {
            return Main.spt("tender spt", args);
        }
    }

    /** Reached only for help listings: the real dispatch of {@code tender elftool} happens in {@link Main}. */
    @Command(name = "elftool", description = "Generate and query Solo5 manifests (drop-in for solo5-elftool).")
    static final class Elftool implements Callable<Integer> {
        @Parameters(description = "gen-manifest SOURCE OUTPUT | query-manifest IMAGE | query-abi IMAGE")
        List<String> args = List.of();

        @Override
        public Integer call() {
            return Main.elftool("tender elftool", args);
        }
    }
}
