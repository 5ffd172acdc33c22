package dev.tender.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tender.it.host.Hosts;
import dev.tender.it.host.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The aarch64 www images in the emulated arm64 host: the same C, built for the other architecture, serves every
 * embedded file byte for byte (a 1 MiB one too, many windows of TCP), with the headers, ETags and errors of the
 * x86_64 image. The client is busybox's wget, what that host has; the full set of www tests (curl, raw
 * segments, floods, wrk) runs on x86_64 ({@link WwwTestBase}). One server per class: a tender start costs 10-15
 * s in that host. Subclasses choose hvt or spt.
 */
abstract class WwwArm64TestBase extends WwwFixture {
    @Override
    TestHost host() {
        return Hosts.arm64();
    }

    @Override
    Path image() {
        return WORK.resolve("www/dist/aarch64/www." + kind());
    }

    @Override
    NetNs namespace() {
        return new NetNs(host().require("busybox", "busybox-static"));
    }

    @Override
    int slowdown() {
        return 4;
    }

    @Test
    void servesTheSiteWithItsHeadersAndErrors() throws Exception {
        Path site = WORK.resolve("www/site");
        List<Path> files = siteFilesButTheBigOne();
        assertThat(files).hasSizeGreaterThan(4);
        Path got = Files.createDirectories(WORK.resolve("got-" + kind()));
        for (Path f : files) {
            String path = "/" + site.relativize(f);
            Path out = got.resolve(f.getFileName());
            TestHost.Result r = wget("-O", out.toString(), "http://" + WWW + path);
            assertThat(r.status()).as(path + ": " + r.output()).isZero();
            assertThat(Files.readAllBytes(out)).as(path).isEqualTo(Files.readAllBytes(f));
        }

        TestHost.Result css = wget("-S", "-O", got.resolve("css").toString(), "http://" + WWW + "/style.css");
        assertThat(css.stderr()).contains("  HTTP/1.1 200 OK", "  Content-Type: text/css",
                "  Content-Length: " + Files.size(site.resolve("style.css")));
        String etag = css.stderr().lines().filter(l -> l.startsWith("  ETag: ")).findFirst().orElseThrow()
                .substring(8).trim();
        assertThat(etag).matches("\"[0-9a-f]{16}\"");
        assertThat(wget("-O", got.resolve("c").toString(), "--header", "If-None-Match: " + etag,
                "http://" + WWW + "/style.css").stderr()).contains("server returned error: HTTP/1.1 304 Not Modified");
        assertThat(wget("-O", got.resolve("m").toString(), "http://" + WWW + "/missing.html").stderr())
                .contains("server returned error: HTTP/1.1 404 Not Found");
        assertThat(wget("-O", got.resolve("p").toString(), "--post-data", "x", "http://" + WWW + "/").stderr())
                .contains("server returned error: HTTP/1.1 405 Method Not Allowed");
        assertThat(www.isAlive()).isTrue();
    }

    /**
     * busybox wget in the namespace; -S puts the response headers on stderr, each line indented by two spaces. The
     * host's limit bounds it: Debian's static busybox 1.35 crashes (SIGSEGV) on its own -T timeout.
     */
    private TestHost.Result wget(String... args) {
        List<String> cmd = new ArrayList<>(List.of("busybox", "wget"));
        cmd.addAll(List.of(args));
        return host().run(Duration.ofSeconds(120 * slowdown()), ns.inside(cmd.toArray(new String[0])));
    }
}
