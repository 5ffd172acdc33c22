package dev.tender.hvt.debug;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import dev.tender.core.mem.GuestMemory;
import dev.tender.core.module.ModuleContext;
import dev.tender.core.module.TenderModule;
import dev.tender.core.sys.ErrnoException;
import dev.tender.hvt.debug.gdb.GdbServer;
import dev.tender.hvt.debug.gdb.GdbSession;
import dev.tender.manifest.Manifest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The {@code gdb} module of the debug tender (docs/debugging.md): {@code --gdb}, {@code --gdb-port=N} as
 * upstream has them, and {@code --gdb-listen=ADDRESS}, tender's own, since tender listens on 127.0.0.1 unless
 * told otherwise (upstream listens on every address). At set-up guest memory becomes host-writable, so that
 * breakpoints can be written into the code, and the tender waits for gdb to connect.
 */
final class GdbModule implements TenderModule {
    static final int DEFAULT_PORT = 1234;
    private static final String PORT = "--gdb-port=";
    private static final String LISTEN = "--gdb-listen=";
    /** What C's {@code %d} reads: blanks, a sign, digits; anything after the digits is ignored. */
    private static final Pattern DECIMAL = Pattern.compile("[ \\t\\n\\x0B\\f\\r]*([+-]?[0-9]+).*", Pattern.DOTALL);
    /** Address literals only (a name would need a DNS lookup): dotted IPv4, or IPv6 with its colons. */
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private boolean enabled;
    private int port = DEFAULT_PORT;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private DebugTarget target;
    private GdbSession session;

    @Override
    public String name() {
        return "gdb";
    }

    @Override
    public String usage() {
        return "    --gdb (optional flag for running in a gdb debug session)\n"
                + "  [ --gdb-port=1234 ] (port to use) ";
    }

    @Override
    public boolean handleOption(String arg, Manifest manifest, Diagnostics diag) throws TenderException {
        if (arg.equals("--gdb")) {
            enabled = true;
            return true;
        }
        if (arg.startsWith(PORT)) {
            port = parsePort(arg.substring(PORT.length()));
            return true;
        }
        if (arg.startsWith(LISTEN)) {
            address = parseAddress(arg.substring(LISTEN.length()));
            return true;
        }
        return false;
    }

    static int parsePort(String value) throws TenderException {
        var m = DECIMAL.matcher(value);
        if (m.matches()) {
            try {
                int n = Integer.parseInt(m.group(1));
                if (n >= 0 && n <= 65535) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // out of int's range: malformed, as below
            }
        }
        throw new TenderException("Malformed argument to --gdb-port");
    }

    static InetAddress parseAddress(String value) throws TenderException {
        try {
            if (IPV4.matcher(value).matches()) {
                byte[] octets = new byte[4];
                String[] parts = value.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int n = Integer.parseInt(parts[i]);
                    if (n > 255) {
                        throw new UnknownHostException(value);
                    }
                    octets[i] = (byte) n;
                }
                return InetAddress.getByAddress(octets);
            }
            if (IPV6.matcher(value).matches()) {
                return InetAddress.getByName(value); // a string with ':' is read as an IPv6 literal, never looked up
            }
        } catch (UnknownHostException | NumberFormatException e) {
            // not a valid literal: malformed, as below
        }
        throw new TenderException("Malformed argument to --gdb-listen");
    }

    boolean enabled() {
        return enabled;
    }

    /** What set-up needs of the machine; given before {@link #setup}. */
    void attach(DebugTarget machine) {
        this.target = machine;
    }

    @Override
    public void setup(ModuleContext ctx) throws TenderException {
        if (!enabled) {
            return;
        }
        GuestMemory mem = target.memory();
        try {
            mem.unprotectAll();
        } catch (ErrnoException e) {
            throw new TenderException("GDB: cannot make guest memory writable: " + e.reason());
        }
        try (GdbServer server = GdbServer.bind(address, port)) {
            session = server.accept(target.kernel(), ctx.diagnostics());
        }
    }

    /** The run loop's hooks: gdb's, once connected. */
    DebugHooks hooks() throws TenderException {
        if (session == null) {
            return DebugHooks.NONE;
        }
        try {
            KvmGdbTarget gdbTarget = new KvmGdbTarget(target.arch(), target.vcpu(), target.memory(),
                    target.arch().hardwarePoints(target.kvm()));
            return new GdbDebugger(session, gdbTarget, target.arch(), target.vcpu());
        } catch (ErrnoException e) {
            throw new TenderException(e.getMessage());
        }
    }
}
