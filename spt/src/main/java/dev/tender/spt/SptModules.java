package dev.tender.spt;

import dev.tender.block.BlockModule;
import dev.tender.core.module.TenderModule;
import dev.tender.net.NetModule;
import java.util.List;

/**
 * spt's modules in upstream's link order: core, net, block. Net and block parse and attach their devices and,
 * in setup, generate MACs and check block sizes; they register no hypercalls here (the context says spt), and
 * their seccomp rules and epoll registrations come from {@link SptPolicy} and the launch plan.
 */
final class SptModules {
    private SptModules() {
    }

    static List<TenderModule> all(CoreModule core) {
        return List.of(core, new NetModule(), new BlockModule());
    }
}
