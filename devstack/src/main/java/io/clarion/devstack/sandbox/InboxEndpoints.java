package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The sandbox's own API over the {@link Inbox}: {@code GET /sandbox/messages} (filtered, arrival
 * order), {@code DELETE /sandbox/messages} (204) and {@code GET /sandbox/stats}
 * ({@code {"received": {"webhook": N, ...}, "rejected": {"webhook": N, ...}}}).
 */
final class InboxEndpoints {

    static final String MESSAGES = "/sandbox/messages";
    static final String STATS = "/sandbox/stats";

    private final Inbox inbox;

    InboxEndpoints(Inbox inbox) {
        this.inbox = requireNonNull(inbox, "inbox");
    }

    void addRoutes(HttpServerRoutes routes) {
        routes.get(MESSAGES, this::listMessages)
                .delete(MESSAGES, this::clearMessages)
                .get(STATS, this::stats);
    }

    private Publisher<Void> listMessages(HttpServerRequest request, HttpServerResponse response) {
        MessageFilter filter = MessageFilter.fromQuery(new QueryStringDecoder(request.uri()).parameters());
        return JsonReplies.json(response, Map.of("messages", inbox.messages(filter)));
    }

    private Publisher<Void> clearMessages(HttpServerRequest request, HttpServerResponse response) {
        inbox.clear();
        return response.status(HttpResponseStatus.NO_CONTENT).send();
    }

    private Publisher<Void> stats(HttpServerRequest request, HttpServerResponse response) {
        return JsonReplies.json(response, Map.of("received", inbox.counts(), "rejected", inbox.rejectedCounts()));
    }
}
