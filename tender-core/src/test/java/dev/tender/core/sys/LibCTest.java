package dev.tender.core.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LibCTest {
    @Test
    void failedCallBecomesAnExceptionNamingTheOperationAndErrno() {
        int fd = LibC.open("/nonexistent/tender-test", LibC.O_RDONLY);
        assertThat(fd).isEqualTo(-1);
        assertThatThrownBy(() -> LibC.check(fd, "open /nonexistent/tender-test"))
                .isInstanceOf(ErrnoException.class)
                .hasMessage("open /nonexistent/tender-test: No such file or directory")
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.ENOENT));
    }

    @Test
    void ioctlOnANonDeviceReportsItsErrno() throws Exception {
        int fd = LibC.check(LibC.open("/dev/null", LibC.O_RDONLY), "open");
        try {
            assertThat(LibC.ioctl(fd, 0xAE00L, 0)).isEqualTo(-1);
            assertThat(LibC.errno()).isEqualTo(25); // ENOTTY
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void nativeMemoryRoundTripsLittleEndianFields() {
        try (NativeMemory m = new NativeMemory(16)) {
            m.putInt(0, 0x01020304);
            m.putShort(4, (short) 0x0506);
            assertThat(m.getByte(0)).isEqualTo((byte) 4);
            assertThat(m.read(4, 2)).containsExactly(6, 5);
        }
    }
}
