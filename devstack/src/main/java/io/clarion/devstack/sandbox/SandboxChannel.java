package io.clarion.devstack.sandbox;

import reactor.netty.http.server.HttpServerRoutes;

/**
 * One provider protocol the sandbox speaks (webhook, SES v2, Twilio, FCM, APNs). A
 * channel adds its routes to the server and records what it receives in the {@link Inbox} it was
 * built with.
 */
interface SandboxChannel {

    void addRoutes(HttpServerRoutes routes);
}
