package dev.ichigen.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP conversation over TCP on 127.0.0.1 that refuses every recipient with one fixed reply — what GreenMail
 * cannot be made to do: {@code 550 5.1.1} (no such user, permanent) or {@code 451 4.3.0} (try later, transient).
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String rcptReply;
    final AtomicInteger recipientsRefused = new AtomicInteger();
    private final Thread thread;
    /** Run when the client says MAIL FROM, i.e. during the SMTP call — to look at the database meanwhile. */
    volatile Runnable onMail = () -> { };

    ScriptedSmtpServer(int port, String rcptReply) throws IOException {
        this.socket = new ServerSocket();
        this.socket.setReuseAddress(true);
        this.socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.rcptReply = rcptReply;
        this.thread = Thread.ofPlatform().daemon().name("scripted-smtp").start(this::serve);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                converse(s);
            } catch (IOException e) {
                // closed, or the client went away: next connection
            }
        }
    }

    private void converse(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        write(out, "220 scripted.example ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (cmd) {
                case "EHLO", "HELO" -> write(out, "250 scripted.example");
                case "MAIL" -> {
                    onMail.run();
                    write(out, "250 2.1.0 ok");
                }
                case "RCPT" -> {
                    recipientsRefused.incrementAndGet();
                    write(out, rcptReply);
                }
                case "RSET", "NOOP" -> write(out, "250 2.0.0 ok");
                case "QUIT" -> {
                    write(out, "221 2.0.0 bye");
                    return;
                }
                default -> write(out, "502 5.5.2 not implemented");
            }
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
