package dev.tender.cli;

import dev.tender.core.BundledResource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code tender --version}, {@code tender --help} and a bare {@code tender}, answered without building
 * picocli's command model (which costs more than the rest of the JVM's start-up). The usage text is picocli's
 * own rendering, kept as the resource {@value #USAGE}; a unit test fails when the command tree and the
 * resource disagree. Everything else goes to picocli.
 */
final class TopLevelAnswers {
    static final String USAGE = "usage.txt";

    private TopLevelAnswers() {
    }

    /** The exit status when the arguments are one of the answered forms, else -1. */
    static int answer(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(usage());
            return 1;
        }
        if (args.size() != 1) {
            return -1;
        }
        switch (args.get(0)) {
            case "--version":
            case "-V":
                out.println("tender " + Main.version());
                return 0;
            case "--help":
            case "-h":
                out.print(usage());
                return 0;
            default:
                return -1;
        }
    }

    static String usage() {
        byte[] text;
        try {
            text = BundledResource.read(TopLevelAnswers.class, USAGE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + USAGE, e);
        }
        if (text == null) {
            throw new IllegalStateException("the build lost " + USAGE);
        }
        return new String(text, StandardCharsets.UTF_8);
    }
}
