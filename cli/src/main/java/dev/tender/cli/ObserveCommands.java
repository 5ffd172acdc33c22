package dev.tender.cli;

import dev.tender.deploy.DeployException;
import dev.tender.deploy.HostFigures;
import dev.tender.deploy.InstanceConfig;
import dev.tender.deploy.InstanceStats;
import dev.tender.deploy.Installer;
import dev.tender.deploy.Instance;
import dev.tender.deploy.MetricsExposition;
import dev.tender.deploy.StatsSnapshot;
import dev.tender.deploy.StatsSocket;
import dev.tender.deploy.StatsTable;
import dev.tender.deploy.UnitState;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tender stats} and {@code tender metrics}: the instances' figures (docs/operations.md, "Statistics"). */
final class ObserveCommands {
    private ObserveCommands() {
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Show an instance's figures: CPU, memory, VM exits, hypercalls, net and block counters.")
    static final class Stats implements Callable<Integer> {
        @ArgGroup(multiplicity = "1")
        Target target;

        static final class Target {
            @Parameters(index = "0", paramLabel = "NAME", description = "an installed instance")
            String name;

            @Option(names = "--socket", paramLabel = "PATH",
                    description = "a tender hvt run by hand with TENDER_STATS_SOCKET=PATH")
            Path socket;
        }

        @Option(names = "--json", description = "print JSON instead of the table")
        boolean json;

        @Override
        public Integer call() {
            return OperateCommands.guarded("stats", () -> {
                String name;
                StatsSnapshot s;
                if (target.socket != null) {
                    name = target.socket.toString();
                    s = StatsSnapshot.parse(StatsSocket.fetch(target.socket, Duration.ofSeconds(5)));
                } else {
                    name = target.name;
                    Installer installer = new Installer(Path.of("/"));
                    InstanceConfig c = installer.config(name);
                    UnitState state = OperateCommands.systemd().show(Instance.unitName(name));
                    s = new InstanceStats(installer, HostFigures.system()).collect(c, state);
                }
                System.out.print(json ? s.json(name) : StatsTable.of(name, s));
                System.out.flush();
                return 0;
            });
        }
    }

    @Command(name = "metrics", mixinStandardHelpOptions = true,
            description = "Every instance's figures in the Prometheus text format: printed once, or served over HTTP.")
    static final class Metrics implements Callable<Integer> {
        @Option(names = "--listen", paramLabel = "HOST:PORT",
                description = "serve GET /metrics at HOST:PORT (for example 127.0.0.1:9477) until stopped")
        String listen;

        @Override
        public Integer call() {
            return OperateCommands.guarded("metrics", () -> {
                if (listen == null) {
                    List<MetricsExposition.Figures> all = gather();
                    all.stream().filter(f -> f.error() != null)
                            .forEach(f -> System.err.println("tender metrics: " + f.error()));
                    System.out.print(MetricsExposition.text(MetricsExposition.snapshots(all)));
                    System.out.flush();
                    return 0;
                }
                return serve(ListenAddress.parse(listen));
            });
        }

        private static int serve(ListenAddress at) {
            PrometheusRegistry registry = new PrometheusRegistry();
            Map<String, String> said = new ConcurrentHashMap<>();
            registry.register(() -> {
                List<MetricsExposition.Figures> all = gather();
                for (MetricsExposition.Figures f : all) {
                    // why an instance has no figures, once per change rather than once per scrape
                    String before = f.error() == null ? said.remove(f.instance()) : said.put(f.instance(), f.error());
                    if (f.error() != null && !f.error().equals(before)) {
                        System.err.println("tender metrics: " + f.error());
                    }
                }
                return MetricsExposition.snapshots(all);
            });
            try (HTTPServer server = HTTPServer.builder().hostname(at.host()).port(at.port()).registry(registry)
                    .buildAndStart()) {
                System.err.println("tender metrics: serving http://" + at + "/metrics");
                Thread.currentThread().join();
                return 0;
            } catch (IOException e) {
                throw new DeployException("--listen " + at + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    /** Every installed instance's figures, or why there are none. */
    static List<MetricsExposition.Figures> gather() {
        Installer installer = new Installer(Path.of("/"));
        List<InstanceConfig> configs = new ArrayList<>();
        for (String name : installer.instanceNames()) {
            configs.add(installer.config(name));
        }
        List<UnitState> states = OperateCommands.systemd().show(
                configs.stream().map(c -> Instance.unitName(c.name())).toList());
        InstanceStats stats = new InstanceStats(installer, HostFigures.system());
        List<MetricsExposition.Figures> out = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            InstanceConfig c = configs.get(i);
            try {
                out.add(new MetricsExposition.Figures(c.name(), c.kind().command(), stats.collect(c, states.get(i)), null));
            } catch (DeployException e) {
                out.add(new MetricsExposition.Figures(c.name(), c.kind().command(), null, e.getMessage()));
            }
        }
        return out;
    }

    /** {@code HOST:PORT}, {@code [V6]:PORT}; the port 1 to 65535. */
    record ListenAddress(String host, int port) {
        static ListenAddress parse(String s) {
            int colon = s.lastIndexOf(':');
            String host = colon > 0 ? s.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = -1;
            try {
                port = colon > 0 ? Integer.parseInt(s.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                // reported below
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw new DeployException("--listen must be HOST:PORT (port 1 to 65535), not '" + s + "'");
            }
            return new ListenAddress(host, port);
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
