package dev.tender.it;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;

/**
 * {@link WwwTestBase} with www.hvt on hardware-assisted KVM ({@link Hosts#standardKvm}): on the paravirtual "PVM"
 * KVM this machine may have, the guest's copies and checksums of embedded data run as emulated instructions (15
 * million in 15 s of one download, 13 s of tender CPU for 1,429 frames), a 10 MiB file takes 78 s.
 */
class WwwHvtTest extends WwwTestBase {
    @Override
    String kind() {
        return "hvt";
    }

    @Override
    TestHost host() {
        return Hosts.standardKvm();
    }
}
