package dev.ichigen.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on loopback for fault tests: the application talks to a server (PostgreSQL) through it, and
 * {@link #cut()} makes that server unreachable — every open connection is closed and new ones are refused — until
 * {@link #restore()} listens again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile int port;

    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public TcpProxy start() {
        listen(0);
        return this;
    }

    public int port() {
        return port;
    }

    /** The server is gone: open connections are closed, new ones refused. */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** The server is back on the same port. */
    public synchronized void restore() {
        if (server == null) {
            listen(port);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private synchronized void listen(int onPort) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            server = s;
            port = s.getLocalPort();
            Thread.ofVirtual().name("tcp-proxy-accept").start(() -> accept(s));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + onPort, e);
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream;
                try {
                    upstream = new Socket(targetHost, targetPort);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                if (server != s) { // cut while connecting
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue;
                }
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                return; // closed by cut()
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a broken socket
            }
        }
    }
}
