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

    static Answer send(int port, String method, String rawPath, String authorization, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(rawPath).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n")
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
            String answer = readAll(socket.getInputStream());
            int split = answer.indexOf("\r\n\r\n");
            String head = split < 0 ? answer : answer.substring(0, split);
            String[] statusLine = head.split(" ", 3);
            return new Answer(Integer.parseInt(statusLine[1]), head, split < 0 ? "" : answer.substring(split + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + rawPath, e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
