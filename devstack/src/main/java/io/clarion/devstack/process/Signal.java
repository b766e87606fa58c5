package io.clarion.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The signals devstack sends to ask a child process to shut down. */
public enum Signal {

    /** SIGTERM: Kafka's controlled shutdown. */
    TERM {
        @Override
        void send(Process process) {
            process.destroy();
        }
    },

    /** SIGINT: PostgreSQL's "fast" shutdown, which does not wait for clients to disconnect. */
    INT {
        @Override
        void send(Process process) {
            // the JDK can only send SIGTERM and SIGKILL
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run kill -INT " + process.pid(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    abstract void send(Process process);
}
