package dev.tender.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildUnitTest {
    @TempDir
    Path tmp;

    private Path project(String name, String config) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.writeString(d.resolve("b.c"), "int b;\n");
        Files.writeString(d.resolve("a.c"), "int a;\n");
        Files.writeString(d.resolve("manifest.json"), "{\"type\":\"solo5.manifest\",\"version\":1,\"devices\":[]}");
        if (config != null) {
            Files.writeString(d.resolve(Project.CONFIG), config);
        }
        return d;
    }

    @Test
    void projectDefaultsAndConfig() throws Exception {
        Project p = Project.load(project("app", null));
        assertThat(p.name()).isEqualTo("app");
        assertThat(p.sources()).containsExactly("a.c", "b.c");
        assertThat(p.supports(new Context(Target.SPT, Arch.AARCH64))).isTrue();

        Project q = Project.load(project("q", "{\"name\": \"x1\", \"targets\": [\"hvt\"], \"arches\": [\"x86_64\"],"
                + " \"cflags\": [\"-DA\"], \"cflags-hvt\": [\"-DB\"], \"cflags-aarch64\": [\"-DC\"]}"));
        assertThat(q.name()).isEqualTo("x1");
        assertThat(q.supports(new Context(Target.HVT, Arch.X86_64))).isTrue();
        assertThat(q.supports(new Context(Target.SPT, Arch.X86_64))).isFalse();
        assertThat(q.supports(new Context(Target.HVT, Arch.AARCH64))).isFalse();
        assertThat(q.cflags(new Context(Target.HVT, Arch.X86_64))).containsExactly("-DA", "-DB");
        assertThat(q.cflags(new Context(Target.HVT, Arch.AARCH64))).containsExactly("-DA", "-DB", "-DC");
        // outputs are not inputs
        Files.createDirectories(q.dir().resolve("dist"));
        Files.writeString(q.dir().resolve("dist/x1.hvt"), "x");
        Files.writeString(q.dir().resolve(Project.LOCK), "{}");
        assertThat(q.files().keySet()).containsExactly("a.c", "b.c", "manifest.json", "tender.json");
    }

    @Test
    void badConfigIsRejected() throws Exception {
        assertThatThrownBy(() -> Project.load(project("r", "{\"targets\": [\"xen\"]}")))
                .hasMessageContaining("unknown target 'xen'");
        assertThatThrownBy(() -> Project.load(project("s", "{\"cflag\": []}")))
                .hasMessageContaining("unknown key \"cflag\"");
        assertThatThrownBy(() -> Project.load(tmp.resolve("none"))).hasMessageContaining("no such project");
        assertThatThrownBy(() -> Project.load(project("t", "{\"netstack\": \"yes\"}")))
                .hasMessageContaining("\"netstack\" must be true or false");
        assertThatThrownBy(() -> Project.load(project("u", "{\"netstack\": true, \"guestlib\": false}")))
                .hasMessageContaining("\"netstack\" needs \"guestlib\"");
    }

    @Test
    void embeddedFilesAreSortedNamedAndConfinedToTheProject() throws Exception {
        Path d = project("site", "{\"embed\": \"www\"}".replace("www", "files"));
        assertThatThrownBy(() -> Project.load(d)).hasMessageContaining("\"embed\" must name a directory inside");
        Files.createDirectories(d.resolve("files/b"));
        Files.writeString(d.resolve("files/z.txt"), "z");
        Files.writeString(d.resolve("files/b/a.css"), "a");
        Files.writeString(d.resolve("files/.hidden"), "h");
        Project p = Project.load(d);
        assertThat(p.embed()).isEqualTo("files");
        String s = Embedding.assembly(d, "files", Hashing::sha256);
        assertThat(s).contains(".incbin \"b/a.css\"", ".incbin \"z.txt\"", "\t.quad 2\n")
                .contains(".asciz \"\\\"" + Hashing.sha256("z").substring(0, 16) + "\\\"\"")
                .doesNotContain(d.toString());
        assertThat(s.indexOf("b/a.css")).isLessThan(s.indexOf("z.txt"));
        Files.writeString(d.resolve("files/bad name.txt"), "x");
        assertThatThrownBy(() -> Embedding.assembly(d, "files", Hashing::sha256)).hasMessageContaining("cannot be embedded under this name");
        Files.delete(d.resolve("files/bad name.txt"));
        Files.createSymbolicLink(d.resolve("files/link"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> Embedding.assembly(d, "files", Hashing::sha256)).hasMessageContaining("a symbolic link cannot be embedded");
        Files.delete(d.resolve("files/link"));
        assertThatThrownBy(() -> Embedding.files(d, "../" + d.getFileName()))
                .hasMessageContaining("\"embed\" must name a directory inside");
    }

    @Test
    void theNetworkStackIsAnInputOnlyOfProjectsThatUseIt() throws Exception {
        assertThat(Project.load(project("plain", null)).netstack()).isFalse();
        assertThat(Project.load(project("net", "{\"netstack\": true}")).netstack()).isTrue();
        GuestTree g = GuestTree.at(Path.of(System.getProperty("tender.root", "..")).resolve("guest"));
        assertThat(g.netstackSources()).containsExactly("netstack/arp.c", "netstack/iface.c", "netstack/ipv4.c",
                "netstack/tcp_in.c", "netstack/tcp_out.c", "netstack/udp.c");
        assertThat(g.netstackInputs().keySet()).contains("netstack/netstack.h", "netstack/ns_wire.h");
        assertThat(g.inputs(new Context(Target.HVT, Arch.X86_64)).keySet())
                .as("the runtime's inputs (and so every project's lock) do not include it")
                .noneMatch(k -> k.startsWith("netstack/"));
    }

    @Test
    void lockRoundTripAndDrift() throws Exception {
        TreeMap<String, String> in = new TreeMap<>(Map.of("a.c", "11", "guest:lib/x.c", "22", "../common/h.h", "33"));
        LockFile.Entry e = new LockFile.Entry(Map.of("cc", "gcc 12"), Map.of("cflags", "-O2"), in, "dist/a.hvt",
                "ff");
        Path f = tmp.resolve("tender.lock");
        new LockFile("a", new TreeMap<>(Map.of("hvt-x86_64", e))).write(f);
        LockFile back = LockFile.read(f);
        assertThat(back.toJson()).isEqualTo(Files.readString(f));
        LockFile.Entry got = back.contexts().get("hvt-x86_64");
        assertThat(got.externals()).containsExactly("../common/h.h");
        assertThat(LockFile.drift(got, e)).isEmpty();

        TreeMap<String, String> in2 = new TreeMap<>(in);
        in2.put("a.c", "12");
        in2.remove("guest:lib/x.c");
        in2.put("b.c", "44");
        LockFile.Entry now = new LockFile.Entry(Map.of("cc", "gcc 13"), Map.of("cflags", "-O2"), in2, null, null);
        List<String> d = LockFile.drift(got, now);
        assertThat(d).containsExactly("toolchain cc: 'gcc 12' -> 'gcc 13'", "changed: a.c (sha256 11… -> 12…)",
                "added: b.c", "removed: guest:lib/x.c");
    }

    @Test
    void missingToolchainNamesThePackages() {
        Exec exec = new Exec(Map.of("PATH", tmp.toString()), 1);
        assertThatThrownBy(() -> Toolchain.probe(Arch.AARCH64, null, exec))
                .hasMessageContaining("'aarch64-linux-gnu-gcc' was not found on PATH")
                .hasMessageContaining("apt-get install gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu");
        assertThatThrownBy(() -> Toolchain.probe(Arch.X86_64, "/no/such/gcc", exec))
                .hasMessageContaining("'/no/such/gcc' was not found;")
                .hasMessageContaining("apt-get install gcc binutils");
    }

    @Test
    void runtimeUnitsFollowTheLinkOrder() throws Exception {
        GuestTree g = GuestTree.at(Path.of(System.getProperty("tender.root", "..")).resolve("guest"));
        List<String> hvt = g.runtimeUnits(new Context(Target.HVT, Arch.X86_64)).stream()
                .map(GuestTree.Unit::path).toList();
        assertThat(hvt).startsWith("runtime/common/abort.c", "runtime/hvt/block.c", "runtime/common/cmdline.c",
                "runtime/hvt/x86_64/cpu_x86_64.c").endsWith("runtime/hvt/x86_64/trap_x86_64.S", "lib/string.c",
                "lib/vsnprintf.c");
        List<String> a64 = g.runtimeUnits(new Context(Target.HVT, Arch.AARCH64)).stream()
                .map(GuestTree.Unit::path).toList();
        assertThat(a64).contains("runtime/hvt/aarch64/cpu_aarch64.c", "runtime/hvt/aarch64/vectors_aarch64.S")
                .doesNotContain("runtime/hvt/x86_64/cpu_x86_64.c");
        List<String> spt = g.runtimeUnits(new Context(Target.SPT, Arch.AARCH64)).stream()
                .map(GuestTree.Unit::path).toList();
        assertThat(spt).containsExactly("runtime/common/abort.c", "runtime/common/cmdline.c", "runtime/common/log.c",
                "runtime/common/mem.c", "runtime/common/mft.c", "runtime/common/tls.c", "runtime/spt/block.c",
                "runtime/spt/net.c", "runtime/spt/platform.c", "runtime/spt/start.c", "runtime/spt/time.c",
                "runtime/spt/aarch64/tls_base_aarch64.c", "lib/string.c", "lib/vsnprintf.c");
        assertThat(g.linkerScript(Target.SPT)).hasFileName("solo5_spt.lds").exists();
        assertThat(g.linkerScript(Target.HVT)).hasFileName("solo5_hvt.lds").exists();
    }

    @Test
    void runtimeInputsFollowTheLayout() throws Exception {
        GuestTree g = GuestTree.at(Path.of(System.getProperty("tender.root", "..")).resolve("guest"));
        var spt = g.inputs(new Context(Target.SPT, Arch.X86_64)).keySet();
        assertThat(spt).contains("runtime/common/runtime.h", "runtime/spt/spt_abi.h", "runtime/spt/spt_syscall.h",
                "runtime/spt/x86_64/spt_syscall_x86_64.h", "include/solo5.h")
                .noneMatch(k -> k.startsWith("runtime/hvt/") || k.startsWith("runtime/spt/aarch64/"));
        var hvt = g.inputs(new Context(Target.HVT, Arch.AARCH64)).keySet();
        assertThat(hvt).contains("runtime/common/mft.c", "runtime/hvt/hvt_abi.h",
                "runtime/hvt/aarch64/vectors_aarch64.S").noneMatch(k -> k.startsWith("runtime/spt/")
                || k.startsWith("runtime/hvt/x86_64/"));
    }
}
