package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every request on a kept-alive HTTP/1.1 connection gets an answer. Reactor Netty up to 1.3.7 stopped reading a
 * connection when a request that arrived while the previous one was still being answered was itself answered at
 * once: the next request on that connection waited until the client gave up (seen as status page and stream tests
 * that hung for 30 s now and then). Here the first request takes a database round trip, the second (sent in the
 * same write) is answered from memory, and the third must still be read.
 */
@ExtendWith(DevStackExtension.class)
class KeepAliveConnectionTest {
    private static final String KEY = "keep-alive-key";
    private static Engine engine;

    @BeforeAll
    static void start(DevStack stack) {
        engine = Engine.gatewayOnly(stack, stack.newNamespace("keepalive"), 0, KEY, Map.of());
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aRequestAfterAQueuedRequestAnsweredAtOnceIsStillRead() throws IOException {
        for (int connection = 0; connection < 20; connection++) {
            try (Socket socket = new Socket("127.0.0.1", engine.gatewayPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write((get("/v1/incidents/INC-KEEPALIVE-" + connection, "Authorization: Bearer " + KEY)
                        + get(AT_ONCE, null)).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(RawHttp.read(in).status()).as("first answer on connection %d", connection).isEqualTo(404);
                assertThat(RawHttp.read(in).status()).as("second answer on connection %d", connection).isEqualTo(404);

                out.write(get(AT_ONCE, null).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(RawHttp.read(in).status()).as("third answer on connection %d (the one that hung)", connection)
                        .isEqualTo(404);
            }
        }
    }

    /** Refused at once: not a tenant name, so no lookup. */
    private static final String AT_ONCE = "/status/Not_A_Tenant";

    private static String get(String path, String header) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (header == null ? "" : header + "\r\n") + "\r\n";
    }
}
