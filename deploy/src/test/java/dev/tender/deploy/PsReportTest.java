package dev.tender.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PsReportTest {
    @TempDir
    Path root;

    @Test
    void oneRowPerInstanceFromItsConfigurationAndSystemdsState() throws Exception {
        Files.createDirectories(root.resolve("srv"));
        Files.writeString(root.resolve("srv/a.hvt"), "abc");
        Installer installer = new Installer(root);
        List<InstanceConfig> configs = List.of(
                InstanceConfig.parse("a", "TENDER_KIND=\"hvt\"\nTENDER_IMAGE=\"/srv/a.hvt\"\n"),
                InstanceConfig.parse("b", "TENDER_KIND=\"spt\"\nTENDER_IMAGE=\"/srv/gone.spt\"\n"));
        List<UnitState> states = List.of(
                new UnitState("tender@a.service", "active", "running", 7, 0, 1_000_000, OptionalLong.of(3 << 20)),
                new UnitState("tender@b.service", "inactive", "dead", 0, 0, 0, OptionalLong.empty()));
        PsReport r = PsReport.of(installer, configs, states, 3_726_000_000L);
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(r.rows()).containsExactly(
                new PsReport.Row("a", "active (running)", "hvt", 3725, 3 << 20, "/srv/a.hvt", abc, 7),
                new PsReport.Row("b", "inactive (dead)", "spt", -1, -1, "/srv/gone.spt", "missing", 0));
        assertThat(r.table()).isEqualTo("""
                NAME  STATE             KIND  UPTIME  MEMORY  IMAGE          SHA256
                a     active (running)  hvt   1h02m   3.0M    /srv/a.hvt     ba7816bf8f01
                b     inactive (dead)   spt   -       -       /srv/gone.spt  missing
                """);
        try (JsonParser p = new JsonFactory().createParser(r.json())) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            int objects = 0;
            for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("sha256")) {
                    p.nextToken();
                    assertThat(p.getText()).isIn(abc, "missing");
                    objects++;
                }
            }
            assertThat(objects).isEqualTo(2);
        }
        assertThat(r.json()).contains("\"uptime_seconds\" : 3725", "\"uptime_seconds\" : null", "\"pid\" : 7");
    }

    @Test
    void durationsAndSizesReadLikeSystemctls() {
        assertThat(PsReport.duration(12)).isEqualTo("12s");
        assertThat(PsReport.duration(247)).isEqualTo("4m07s");
        assertThat(PsReport.duration(86_400 * 3 + 3600 * 4 + 5)).isEqualTo("3d4h");
        assertThat(PsReport.bytes(812 * 1024)).isEqualTo("812K");
        assertThat(PsReport.bytes(5L << 30)).isEqualTo("5.0G");
    }
}
