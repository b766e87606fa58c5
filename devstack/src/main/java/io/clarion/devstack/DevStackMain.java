package io.clarion.devstack;

import io.clarion.devstack.process.BindAddress;
import io.clarion.devstack.sandbox.SandboxMain;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the {@link DevStack} for poking at the services by hand, prints their coordinates and
 * runs until Ctrl-C, which stops them. The sandbox listens on {@code CLARION_BIND_ADDRESS} (default
 * 127.0.0.1, see {@link BindAddress}) and {@code CLARION_SANDBOX_PORT}, by default 8090.
 */
public final class DevStackMain {

    private DevStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DevStack stack = DevStack.start(BindAddress.from(System::getenv), SandboxMain.port(System::getenv),
                SandboxMain.keep(System::getenv));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-main-stop"));
        System.out.println(stack);
        System.out.println("devstack: running; Ctrl-C stops it");
        new CountDownLatch(1).await();
    }
}
