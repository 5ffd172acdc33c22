package dev.tender.deploy;

import dev.tender.core.stats.Sample;
import java.util.ArrayList;
import java.util.List;

/** {@code tender stats NAME}'s table: one line per figure, {@code FIGURE  LABELS  VALUE}, zero-valued ones kept. */
public final class StatsTable {
    private StatsTable() {
    }

    public static String of(String instance, StatsSnapshot s) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"FIGURE", "LABELS", "VALUE"});
        for (Sample x : s.samples()) {
            StringBuilder labels = new StringBuilder();
            for (int i = 0; i < x.labels().size(); i += 2) {
                labels.append(labels.length() == 0 ? "" : ",").append(x.labels().get(i)).append('=')
                        .append(x.labels().get(i + 1));
            }
            lines.add(new String[] {x.family().name(), labels.length() == 0 ? "-" : labels.toString(),
                Long.toUnsignedString(x.value())});
        }
        return instance + " (" + s.kind() + ")\n" + TextTable.render(lines);
    }
}
