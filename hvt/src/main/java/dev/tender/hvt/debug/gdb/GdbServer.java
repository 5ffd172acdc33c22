package dev.tender.hvt.debug.gdb;

import dev.tender.core.Diagnostics;
import dev.tender.core.TenderException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The listening socket the debugger connects to (--gdb). It is bound when the tender sets up, so a port in use is
 * reported before the guest is loaded, and it takes one connection: {@link #accept} closes it.
 */
public final class GdbServer implements AutoCloseable {
    private final ServerSocket listener;

    private GdbServer(ServerSocket listener) {
        this.listener = listener;
    }

    /**
     * Listens on {@code address:port} (SO_REUSEADDR, backlog 1); port 0 takes a free one.
     *
     * @throws TenderException "GDB: cannot listen on ADDRESS:PORT: REASON"
     */
    public static GdbServer bind(InetAddress address, int port) throws TenderException {
        ServerSocket listener = null;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(address, port), 1);
            return new GdbServer(listener);
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(listener);
            String where = hostText(address) + ":" + port;
            throw new TenderException("GDB: cannot listen on " + where + ": " + e.getMessage());
        }
    }

    /** The bound port (the one chosen when 0 was asked for). */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Tells the user how to connect, waits for one debugger, and returns its session. The listening socket is
     * closed then, so no second debugger can connect.
     *
     * @param kernel the kernel path, shown in the gdb command line to use
     */
    public GdbSession accept(String kernel, Diagnostics diag) throws TenderException {
        diag.warn("Waiting for a debugger. Connect to it like this:");
        diag.warn("\tgdb --ex=\"target remote localhost:" + port() + "\" " + kernel);
        Socket client = null;
        GdbSession session;
        try {
            client = listener.accept();
            client.setTcpNoDelay(true);
            session = new GdbSession(client, diag);
        } catch (IOException e) {
            closeQuietly(client);
            throw new TenderException("GDB: cannot accept a connection from the debugger: " + e.getMessage());
        } finally {
            close();
        }
        diag.warn("Connection from debugger at " + client.getInetAddress().getHostAddress());
        return session;
    }

    @Override
    public void close() {
        closeQuietly(listener);
    }

    private static String hostText(InetAddress address) {
        String text = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + text + "]" : text;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is all that is left to do
        }
    }
}
