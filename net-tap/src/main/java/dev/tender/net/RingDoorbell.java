package dev.tender.net;

import dev.tender.core.sys.ErrnoException;

/**
 * Binds an eventfd to the guest's ring doorbell (hvt on x86_64: KVM_IOEVENTFD on the kick port), so that a
 * guest kick signals the eventfd without leaving the guest. The tender supplies it with the ring.
 */
@FunctionalInterface
public interface RingDoorbell {
    void bind(int eventfd) throws ErrnoException;
}
