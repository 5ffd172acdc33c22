package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What /proc says about an spt guest's process (test_sandbox waiting in "sleep" or "hold"), read on this machine
 * or dumped on a test host by {@link #DUMP_BY_OPEN_FILE}, and the checks {@link SptSandboxTest} and
 * {@link SptArm64Test} make on it.
 */
record SandboxedProcess(String status, Map<Integer, String> fds, List<String> maps, String exe) {
    /**
     * A shell script for a test host: finds the process that has file $1 open and prints its status,
     * descriptors, mappings and executable in sections that {@link #parse} reads.
     */
    static final String DUMP_BY_OPEN_FILE = """
            for d in /proc/[0-9]*; do
                for f in "$d"/fd/*; do [ "$(readlink "$f")" = "$1" ] && pid=${d#/proc/}; done
            done
            [ -n "$pid" ] || { echo "no process has $1 open" >&2; exit 1; }
            echo "== status"; cat /proc/$pid/status
            echo "== fd"; for f in /proc/$pid/fd/*; do echo "${f##*/} $(readlink "$f")"; done
            echo "== maps"; cat /proc/$pid/maps
            echo "== exe"; readlink /proc/$pid/exe
            """;

    /** The process {@code pid} of this machine. */
    static SandboxedProcess of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        Map<Integer, String> fds = new TreeMap<>();
        try (Stream<Path> s = Files.list(proc.resolve("fd"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                fds.put(Integer.parseInt(p.getFileName().toString()), Files.readSymbolicLink(p).toString());
            }
        }
        return new SandboxedProcess(Files.readString(proc.resolve("status")), fds,
                Files.readAllLines(proc.resolve("maps")), Files.readSymbolicLink(proc.resolve("exe")).toString());
    }

    /** The output of {@link #DUMP_BY_OPEN_FILE}. */
    static SandboxedProcess parse(String dump) {
        Map<Integer, String> fds = new TreeMap<>();
        section(dump, "fd").lines().map(l -> l.split(" ", 2)).forEach(kv -> fds.put(Integer.parseInt(kv[0]), kv[1]));
        return new SandboxedProcess(section(dump, "status"), fds, section(dump, "maps").lines().toList(),
                section(dump, "exe").trim());
    }

    /** The lines after "== name" up to the next section. */
    private static String section(String dump, String name) {
        String rest = dump.substring(dump.indexOf("== " + name + "\n") + name.length() + 4);
        int end = rest.indexOf("\n== ");
        return end < 0 ? rest : rest.substring(0, end + 1);
    }

    /**
     * The filter is installed, one thread, no signal blocked; open are stdout, the block device {@code storage},
     * the epoll set and the timer, which the boot info test_sandbox printed on {@code stdout} names; mapped are
     * guest memory from 0x10000 (text R+X) and the launcher's memfd, and nothing of the JVM.
     */
    void check(Path storage, String stdout) {
        assertThat(status).containsPattern("(?m)^Seccomp:\\s+2$").containsPattern("(?m)^NoNewPrivs:\\s+1$")
                .containsPattern("(?m)^Threads:\\s+1$").containsPattern("(?m)^SigBlk:\\s+0+$");
        assertThat(fds).as("open descriptors").hasSize(4).containsKey(1).containsValue(storage.toString())
                .containsValue("anon_inode:[eventpoll]").containsValue("anon_inode:[timerfd]");
        int blockFd = Integer.parseInt(stdout.replaceAll("(?s).*block fd (\\d+),.*", "$1"));
        int epollFd = Integer.parseInt(stdout.replaceAll("(?s).*epoll fd (\\d+),.*", "$1"));
        int timerFd = Integer.parseInt(stdout.replaceAll("(?s).*timer fd (\\d+)\n.*", "$1"));
        assertThat(fds).as("the boot info names the same descriptors").containsEntry(blockFd, storage.toString())
                .containsEntry(epollFd, "anon_inode:[eventpoll]").containsEntry(timerFd, "anon_inode:[timerfd]");

        assertThat(maps).as("guest memory from 0x10000, text R+X").anyMatch(l -> l.startsWith("00010000-"))
                .anyMatch(l -> l.startsWith("00100000-") && l.contains(" r-xp "));
        assertThat(maps).as("no JVM, no shared library in the guest's address space")
                .noneMatch(l -> l.contains(".so") || l.contains("jvm") || l.contains(".jar") || l.contains("java"));
        assertThat(maps.stream().filter(l -> l.contains("/")).map(l -> l.substring(l.indexOf('/'))).distinct())
                .as("the only file mapped is the launcher").containsExactly("/memfd:tender-spt-launch (deleted)");
        assertThat(exe).startsWith("/memfd:tender-spt-launch");
    }
}
