package dev.tender.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.core.sys.Epoll;
import dev.tender.core.sys.LibC;
import dev.tender.core.sys.NativeMemory;
import org.junit.jupiter.api.Test;

class PollerTest {
    @Test
    void timeoutOnlyReturnsAnEmptySetAfterWaiting() throws Exception {
        try (Poller p = new Poller()) {
            long t0 = System.nanoTime();
            assertThat(p.poll(30_000_000L)).isZero();
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(25_000_000L);
            assertThat(p.poll(0)).isZero();
        }
    }

    @Test
    void readableDeviceSetsTheBitOfItsIndex() throws Exception {
        int efd = Epoll.eventFd(0, Epoll.EFD_CLOEXEC);
        try (Poller p = new Poller(); NativeMemory one = new NativeMemory(8)) {
            p.addDevice(efd, 5);
            one.putLong(0, 1);
            LibC.write(efd, one.address(), 8);
            assertThat(p.poll(5_000_000_000L)).isEqualTo(1L << 5);
        } finally {
            LibC.closeQuietly(efd);
        }
    }
}
