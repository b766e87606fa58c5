package io.clarion.devstack.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The inbox as people look at it, like a mail catcher: {@code GET /sandbox} lists one channel's
 * messages newest first ({@code ?channel=}, {@code ?recipient=}, {@code ?page=}, {@code ?refresh=}
 * seconds), with a tab per channel and the recipients with their counts; {@code GET
 * /sandbox/messages/{index}} shows one message (its index in arrival order) rendered as its
 * recipient would see it, an email's HTML part in a sandboxed {@code <iframe srcdoc>}.
 *
 * <p>Promises: every value that came from outside is HTML-escaped, and the pages forbid scripts
 * and remote loads by {@code Content-Security-Policy}; a message body that is not in its channel's
 * expected shape is shown raw, never answered with a 500; a page renders at most {@value #PAGE_SIZE}
 * messages and {@value #MAX_RECIPIENTS} recipients, in one pass over the inbox, so 100,000 messages
 * cost a pass, not 100,000 rendered rows. A bad query (unknown channel, page or refresh that is not
 * a positive number) is answered with a 400 page saying what was expected.
 */
final class InboxPage implements SandboxChannel {

    static final String PATH = "/sandbox";
    static final String MESSAGE_PATH = "/sandbox/messages/";
    static final int PAGE_SIZE = 200;
    static final int MAX_RECIPIENTS = 100;
    private static final int MAX_REFRESH_SECONDS = 3_600;
    private static final String NO_RECIPIENT = "(none)";

    private final Inbox inbox;

    InboxPage(Inbox inbox) {
        this.inbox = requireNonNull(inbox, "inbox");
    }

    @Override
    public void addRoutes(HttpServerRoutes routes) {
        routes.route(request -> isGet(request) && isInboxPath(path(request)), this::inboxPage)
                .route(request -> isGet(request) && isMessagePath(path(request)), this::messagePage);
    }

    private static boolean isGet(HttpServerRequest request) {
        return request.method().equals(HttpMethod.GET);
    }

    private static boolean isInboxPath(String path) {
        return path.equals(PATH) || path.equals(PATH + "/");
    }

    private static boolean isMessagePath(String path) {
        return path.startsWith(MESSAGE_PATH) && path.length() > MESSAGE_PATH.length();
    }

    private static String path(HttpServerRequest request) {
        return new QueryStringDecoder(request.uri()).path();
    }

    private Publisher<Void> inboxPage(HttpServerRequest request, HttpServerResponse response) {
        List<SandboxMessage> messages = inbox.messages();
        Map<String, Long> counts = inbox.counts();
        Map<String, List<String>> parameters = new QueryStringDecoder(request.uri()).parameters();
        String channel = first(parameters, "channel");
        if (channel == null) {
            channel = messages.isEmpty() ? Inbox.CHANNELS.get(0) : messages.get(messages.size() - 1).channel();
        }
        if (!counts.containsKey(channel)) {
            return Html.send(response, HttpResponseStatus.BAD_REQUEST, Html.error("Unknown channel", "channel: "
                    + channel + " (expected: one of " + String.join(", ", counts.keySet()) + ")"));
        }
        Integer page = positive(parameters, "page", Integer.MAX_VALUE, 1);
        Integer refresh = positive(parameters, "refresh", MAX_REFRESH_SECONDS, 0);
        if (page == null || refresh == null) {
            return Html.send(response, HttpResponseStatus.BAD_REQUEST, Html.error("Bad query", "page: a number >= 1;"
                    + " refresh: seconds between 1 and " + MAX_REFRESH_SECONDS + " (got: " + request.uri() + ")"));
        }
        View view = new View(channel, first(parameters, "recipient"), page, refresh);
        return Html.send(response, HttpResponseStatus.OK, new InboxListing(view, counts, select(messages, view)).render());
    }

    private Publisher<Void> messagePage(HttpServerRequest request, HttpServerResponse response) {
        String index = path(request).substring(MESSAGE_PATH.length());
        List<SandboxMessage> messages = inbox.messages();
        int position = index.matches("\\d{1,9}") ? Integer.parseInt(index) : -1;
        if (position < 0 || position >= messages.size()) {
            String expected = messages.isEmpty() ? "the inbox is empty"
                    : "expected: an index from 0 to " + (messages.size() - 1) + ", in arrival order";
            return Html.send(response, HttpResponseStatus.NOT_FOUND, Html.error("No such message", "message: " + index
                    + " (" + expected + ")"));
        }
        return Html.send(response, HttpResponseStatus.OK, MessageView.page(position, messages.get(position)));
    }

    /**
     * One pass from newest to oldest over the selected channel: counts every recipient, counts the
     * matching messages and keeps only the rows of the requested page.
     */
    private static Selection select(List<SandboxMessage> messages, View view) {
        Map<String, Integer> recipients = new HashMap<>();
        List<Integer> rows = new ArrayList<>(PAGE_SIZE);
        long skip = (long) (view.page() - 1) * PAGE_SIZE;
        int matched = 0;
        for (int i = messages.size() - 1; i >= 0; i--) {
            SandboxMessage message = messages.get(i);
            if (!message.channel().equals(view.channel())) {
                continue;
            }
            String recipient = Objects.requireNonNullElse(message.recipient(), NO_RECIPIENT);
            recipients.merge(recipient, 1, Integer::sum);
            if (view.recipient() == null || view.recipient().equals(recipient)) {
                if (matched++ >= skip && rows.size() < PAGE_SIZE) {
                    rows.add(i);
                }
            }
        }
        List<Map.Entry<String, Integer>> busiest = recipients.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_RECIPIENTS).toList();
        return new Selection(rows.stream().map(i -> Map.entry(i, messages.get(i))).toList(), matched, busiest,
                recipients.size());
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    /** The parameter as a number in 1..max, {@code absent} when missing, null when it is anything else. */
    private static Integer positive(Map<String, List<String>> parameters, String name, int max, int absent) {
        String value = first(parameters, name);
        if (value == null) {
            return absent;
        }
        if (!value.matches("\\d{1,9}")) {
            return null;
        }
        int number = Integer.parseInt(value);
        return number >= 1 && number <= max ? number : null;
    }

    /** What the user asked to see: a channel, maybe one recipient, a page, an auto-refresh (0: off). */
    record View(String channel, String recipient, int page, int refresh) {

        String url(String recipient, int page, int refresh) {
            StringBuilder url = new StringBuilder(PATH).append("?channel=").append(encode(channel));
            if (recipient != null) {
                url.append("&recipient=").append(encode(recipient));
            }
            if (page > 1) {
                url.append("&page=").append(page);
            }
            if (refresh > 0) {
                url.append("&refresh=").append(refresh);
            }
            return url.toString();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, UTF_8);
        }
    }

    /** One page of rows (inbox index to message, newest first) and the channel's recipients. */
    record Selection(List<Map.Entry<Integer, SandboxMessage>> rows, int matched,
                     List<Map.Entry<String, Integer>> recipients, int recipientCount) {
    }
}
