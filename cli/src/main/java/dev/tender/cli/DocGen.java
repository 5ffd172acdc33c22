package dev.tender.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes the man pages (troff, section 1) and the bash completion of {@code tender} from the picocli command
 * model, for the Debian package: {@code DocGen OUT_DIR} makes {@code OUT_DIR/man1/tender.1},
 * {@code tender-SUBCOMMAND.1} for each subcommand, and {@code OUT_DIR/bash-completion/tender}. The Solo5-style
 * commands (hvt, hvt-debug, spt, elftool), which parse their own arguments, get their own usage text verbatim.
 */
public final class DocGen {
    private static final Map<String, List<String>> OWN_USAGE = Map.of("hvt", List.of("hvt", "--help"),
            "hvt-debug", List.of("hvt-debug", "--help"), "spt", List.of("spt", "--help"),
            "elftool", List.of("elftool", "--help"));

    private DocGen() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        CommandLine root = new CommandLine(new TenderCommand());
        Files.createDirectories(out.resolve("man1"));
        writePages(root, out.resolve("man1"));
        Files.createDirectories(out.resolve("bash-completion"));
        Files.writeString(out.resolve("bash-completion/tender"), AutoComplete.bash("tender", root));
    }

    private static void writePages(CommandLine cl, Path dir) throws IOException {
        Files.writeString(dir.resolve(cl.getCommandSpec().qualifiedName("-") + ".1"), page(cl));
        for (CommandLine sub : cl.getSubcommands().values()) {
            writePages(sub, dir);
        }
    }

    /** One command's page. */
    static String page(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        String name = spec.qualifiedName("-");
        StringBuilder b = new StringBuilder();
        b.append(".TH ").append(name.toUpperCase(Locale.ROOT)).append(" 1 \"\" \"tender ").append(Main.version())
                .append("\" \"tender manual\"\n");
        b.append(".SH NAME\n").append(escape(name)).append(" \\- ")
                .append(escape(String.join(" ", spec.usageMessage().description()))).append('\n');
        List<String> own = spec.parent() != null && spec.parent().parent() == null ? OWN_USAGE.get(spec.name()) : null;
        if (own != null) {
            b.append(".SH SYNOPSIS\n.nf\n").append(escape(ownUsage(own))).append(".fi\n");
        } else {
            b.append(".SH SYNOPSIS\n.nf\n").append(escape(cl.getHelp().synopsis(0).strip())).append("\n.fi\n");
            if (!spec.options().isEmpty()) {
                b.append(".SH OPTIONS\n");
                for (OptionSpec o : spec.options()) {
                    String label = o.arity().max() > 0 ? " " + o.paramLabel() : "";
                    b.append(".TP\n.B ").append(escape(String.join(", ", o.names()) + label)).append('\n')
                            .append(escape(String.join(" ", o.description()).replace("${DEFAULT-VALUE}",
                                    String.valueOf(o.defaultValue())))).append('\n');
                }
            }
        }
        if (!cl.getSubcommands().isEmpty()) {
            b.append(".SH COMMANDS\n");
            for (var e : cl.getSubcommands().entrySet()) {
                b.append(".TP\n.B ").append(escape(e.getKey())).append('\n')
                        .append(escape(String.join(" ", e.getValue().getCommandSpec().usageMessage().description())))
                        .append("\nSee \\fB").append(escape(e.getValue().getCommandSpec().qualifiedName("-")))
                        .append("\\fR(1).\n");
            }
        }
        b.append(".SH SEE ALSO\n");
        b.append(spec.parent() == null ? "systemctl(1), journalctl(1)\n" : "\\fBtender\\fR(1)\n");
        return b.toString();
    }

    /** What {@code tender ARGS} prints as its usage (the Solo5 tools print it on stderr). */
    private static String ownUsage(List<String> args) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            System.setOut(capture);
            Main.run("tender", args);
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** Text as troff shows it literally: backslashes, hyphens and a leading dot or quote escaped. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            String l = line.replace("\\", "\\e").replace("-", "\\-");
            if (l.startsWith(".") || l.startsWith("'")) {
                l = "\\&" + l;
            }
            b.append(l).append('\n');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }
}
