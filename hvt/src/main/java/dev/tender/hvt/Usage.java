package dev.tender.hvt;

import dev.tender.core.module.TenderModule;
import java.util.List;

/** solo5-hvt's usage and version texts (cli.md §1.1), with this tender's program name. */
final class Usage {
    private Usage() {
    }

    static String text(String prog, List<TenderModule> modules) {
        StringBuilder b = new StringBuilder();
        b.append("usage: ").append(prog).append(" [ CORE OPTIONS ] [ MODULE OPTIONS ] [ -- ] KERNEL [ ARGS ]\n");
        b.append("KERNEL is the filename of the unikernel to run.\n");
        b.append("ARGS are optional arguments passed to the unikernel.\n");
        b.append("Core options:\n");
        b.append("  [ --mem=512 ] (guest memory in MB)\n");
        b.append("    --help (display this help)\n");
        b.append("    --version (display version information)\n");
        b.append("Compiled-in modules: ");
        for (TenderModule m : modules) {
            b.append(m.name()).append(' ');
        }
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

    static String version(String prog, String version) {
        return prog + " tender, version " + version + "\nABI version " + HvtAbi.ABI_VERSION + "\n";
    }
}
