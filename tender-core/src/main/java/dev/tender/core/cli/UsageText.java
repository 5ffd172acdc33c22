package dev.tender.core.cli;

import dev.tender.core.module.TenderModule;
import java.util.List;

/** The usage text of the Solo5 tenders (docs/cli.md §2.1, §3.1): synopsis, core options, each module's options. */
public final class UsageText {
    private UsageText() {
    }

    /**
     * @param synopsis what follows the program name on the first line
     * @param coreOptions the lines under "Core options:" (indentation included)
     * @param modules the compiled-in modules, in order
     */
    public static String of(String prog, String synopsis, List<String> coreOptions, List<TenderModule> modules) {
        StringBuilder b = new StringBuilder();
        b.append("usage: ").append(prog).append(' ').append(synopsis).append('\n');
        b.append("KERNEL is the filename of the unikernel to run.\n");
        b.append("ARGS are optional arguments passed to the unikernel.\n");
        b.append("Core options:\n");
        coreOptions.forEach(line -> b.append(line).append('\n'));
        b.append("Compiled-in modules: ");
        modules.forEach(m -> b.append(m.name()).append(' '));
        b.append("\nCompiled-in module options:\n");
        int withOptions = 0;
        for (TenderModule m : modules) {
            if (!m.usage().isEmpty()) {
                b.append(m.usage()).append('\n');
                withOptions++;
            }
        }
        if (withOptions == 0) {
            b.append("    (none)\n");
        }
        return b.toString();
    }

    /** {@code <prog> tender, version <v>} and {@code ABI version <n>}, as --version prints them. */
    public static String version(String prog, String version, int abiVersion) {
        return prog + " tender, version " + version + "\nABI version " + abiVersion + "\n";
    }
}
