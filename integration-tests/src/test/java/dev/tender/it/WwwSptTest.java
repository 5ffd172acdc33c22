package dev.tender.it;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;

/** {@link WwwTestBase} with www.spt, on this machine. */
class WwwSptTest extends WwwTestBase {
    @Override
    String kind() {
        return "spt";
    }

    @Override
    TestHost host() {
        return Hosts.local();
    }
}
