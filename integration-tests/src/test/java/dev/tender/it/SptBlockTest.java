package dev.tender.it;

import java.nio.file.Path;

/**
 * Block devices on spt: the guest does pread64/pwrite64 on the backing file's fd itself, inside the filter's
 * bounds; the option and size errors are the Java side's, before the launcher runs. Shared tests: base class.
 */
class SptBlockTest extends BlockTestBase {
    @Override
    String target() {
        return "spt";
    }

    @Override
    String memory() {
        return "2";
    }

    @Override
    Path image(String test) {
        return SptCoreTest.sptImage(test + ".spt");
    }
}
