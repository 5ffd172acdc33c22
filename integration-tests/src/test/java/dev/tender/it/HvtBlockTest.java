package dev.tender.it;

import java.nio.file.Path;

/** Block devices on hvt: BLOCK_READ/BLOCK_WRITE served by the tender; the shared tests are in the base class. */
class HvtBlockTest extends BlockTestBase {
    @Override
    String target() {
        return "hvt";
    }

    @Override
    String memory() {
        return "4096";
    }

    @Override
    Path image(String test) {
        return Tender.image(test + ".hvt");
    }
}
