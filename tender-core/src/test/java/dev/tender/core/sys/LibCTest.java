package dev.tender.core.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibCTest {
    @Test
    void failedCallBecomesAnExceptionNamingTheOperationAndErrno() {
        int fd = LibC.Calls.open("/nonexistent/tender-test", LibC.O_RDONLY);
        assertThat(fd).isEqualTo(-1);
        assertThatThrownBy(() -> LibC.check(fd, "open /nonexistent/tender-test"))
                .isInstanceOf(ErrnoException.class)
                .hasMessage("open /nonexistent/tender-test: No such file or directory")
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.ENOENT));
    }

    @Test
    void theCheckedCallRaisesTheSameExceptionItself() {
        assertThatThrownBy(() -> LibC.open("/nonexistent/tender-test", LibC.O_RDONLY))
                .isInstanceOf(ErrnoException.class)
                .hasMessage("open /nonexistent/tender-test: No such file or directory")
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.ENOENT))
                .satisfies(e -> assertThat(((ErrnoException) e).reason()).isEqualTo("No such file or directory"));
    }

    @Test
    void ioctlOnANonDeviceReportsItsErrno() throws Exception {
        int fd = LibC.open("/dev/null", LibC.O_RDONLY);
        try {
            assertThat(LibC.Calls.ioctl(fd, 0xAE00L, 0)).isEqualTo(-1);
            assertThat(LibC.errno()).isEqualTo(25); // ENOTTY
            assertThatThrownBy(() -> LibC.ioctl(fd, 0xAE00L, 0, "KVM_GET_API_VERSION"))
                    .isInstanceOf(ErrnoException.class)
                    .hasMessage("KVM_GET_API_VERSION: Inappropriate ioctl for device")
                    .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(25));
        } finally {
            LibC.closeQuietly(fd);
        }
    }

    @Test
    void nonBlockingReadTellsAnEmptyFdFromEndOfFileAndFromAFailure(@TempDir Path dir) throws Exception {
        int efd = Epoll.eventFd(0, Epoll.EFD_CLOEXEC | Epoll.EFD_NONBLOCK);
        Path file = Files.write(dir.resolve("data"), new byte[] {7});
        int rd = LibC.open(file.toString(), LibC.O_RDONLY);
        int wr = LibC.open(file.toString(), LibC.O_WRONLY);
        try (NativeMemory buf = new NativeMemory(8)) {
            assertThat(LibC.readNonBlocking(efd, buf.address(), 8)).isEqualTo(LibC.WOULD_BLOCK);
            assertThat(LibC.readNonBlocking(rd, buf.address(), 8)).isEqualTo(1);
            assertThat(buf.getByte(0)).isEqualTo((byte) 7);
            assertThat(LibC.readNonBlocking(rd, buf.address(), 8)).isZero();
            assertThatThrownBy(() -> LibC.readNonBlocking(wr, buf.address(), 8))
                    .isInstanceOf(ErrnoException.class)
                    .hasMessage("read: Bad file descriptor");
        } finally {
            LibC.closeQuietly(efd);
            LibC.closeQuietly(rd);
            LibC.closeQuietly(wr);
        }
    }

    @Test
    void handledFailuresLookUpNoMessageUntilOneIsAsked() {
        ErrnoException e = new ErrnoException("KVM_SET_SREGS", Errno.EINVAL);
        assertThat(e.operation()).isEqualTo("KVM_SET_SREGS");
        assertThat(e.getMessage()).isEqualTo("KVM_SET_SREGS: Invalid argument");
        assertThat(e).hasToString(ErrnoException.class.getName() + ": KVM_SET_SREGS: Invalid argument");
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

    @Test
    void mincoreReportsTheTouchedPagesOfAFreshMappingAndNamesItsFailure() throws Exception {
        long page = LibC.pageSize();
        assertThat(page).isPositive();
        assertThat(Long.bitCount(page)).isOne();
        long addr = LibC.mmap(0, 4 * page, LibC.PROT_READ | LibC.PROT_WRITE,
                LibC.MAP_SHARED | LibC.MAP_ANONYMOUS | LibC.MAP_NORESERVE, -1, 0, "mmap");
        try (NativeMemory vec = new NativeMemory(4)) {
            new RawMemory(addr).putByte(2 * page, (byte) 1);
            LibC.mincore(addr, 4 * page, vec.address());
            assertThat(vec.read(0, 4)).containsExactly(0, 0, 1, 0);
            assertThatThrownBy(() -> LibC.mincore(addr + 1, page, vec.address()))
                    .isInstanceOf(ErrnoException.class)
                    .hasMessage("mincore: Invalid argument");
        } finally {
            LibC.munmapQuietly(addr, 4 * page);
        }
    }
}
