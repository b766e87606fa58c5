package io.clarion.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, so a test controls the request line byte for byte: {@code java.net.http}
 * may normalise a path such as {@code //v1/./x} before sending it, which is exactly what must not happen
 * when testing how the gateway treats such paths.
 */
final class RawHttp {
    private RawHttp() {
    }

    record Answer(int status, String head, String body) {
    }

    /** Reads one answer (status line, headers, body) from a connection, leaving it open for the next. */
    static Answer read(InputStream in) throws IOException {
        String head = readHead(in);
        return new Answer(Integer.parseInt(head.split(" ", 3)[1]), head, readBody(in, head));
    }

    static Answer send(int port, String method, String rawPath, String authorization, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(rawPath).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(content.length).append("\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] statusLine = head.split(" ", 3);
            return new Answer(Integer.parseInt(statusLine[1]), head, readBody(in, head));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + rawPath, e);
        }
    }

    /**
     * The status line and headers. The connection stays open until the answer is read (no
     * {@code Connection: close}), so a server that answers before reading the body drains it instead of
     * resetting the connection.
     */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the answer's head: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    static String readBody(InputStream in, String head) throws IOException {
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.write(in.readNBytes(size));
                in.readNBytes(2);
            }
            return body.toString(StandardCharsets.UTF_8);
        }
        int at = lower.indexOf("\r\ncontent-length: ");
        if (at < 0) {
            return "";
        }
        int end = lower.indexOf("\r\n", at + 2);
        int length = Integer.parseInt(lower.substring(at + 18, end < 0 ? lower.length() : end).trim());
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static int chunkSize(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in a chunk header");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return Integer.parseInt(line.toString().split(";")[0].trim(), 16);
    }
}
