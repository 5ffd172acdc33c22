package dev.tender.hvt;

import dev.tender.core.cli.UsageText;
import dev.tender.core.module.TenderModule;
import java.util.List;

/** solo5-hvt's usage and version texts (docs/cli.md §2.1, §2.2), with this tender's program name. */
final class Usage {
    private static final List<String> CORE = List.of(
            "  [ --mem=512 ] (guest memory in MB)",
            "    --help (display this help)",
            "    --version (display version information)");

    private Usage() {
    }

    static String text(String prog, List<TenderModule> modules) {
        return UsageText.of(prog, "[ CORE OPTIONS ] [ MODULE OPTIONS ] [ -- ] KERNEL [ ARGS ]", CORE, modules);
    }

    static String version(String prog, String version) {
        return UsageText.version(prog, version, HvtAbi.ABI_VERSION);
    }
}
