package io.clarion.devstack.kafka;

import static io.clarion.devstack.process.LoopbackPorts.HOST;

import io.clarion.devstack.process.ReadinessProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Ready means an admin client's {@code describeCluster} lists a broker. The port is checked
 * first with a plain socket, so the admin client does not log connection failures while the
 * JVM is still starting.
 */
final class BrokerReadiness implements ReadinessProbe, AutoCloseable {

    private final int port;
    private Admin admin;

    BrokerReadiness(int port) {
        this.port = port;
    }

    @Override
    public boolean isReady() throws Exception {
        if (!portAcceptsConnections()) {
            return false;
        }
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + port,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
        }
        return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
    }

    private boolean portAcceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
