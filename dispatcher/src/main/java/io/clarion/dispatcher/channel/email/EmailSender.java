package io.clarion.dispatcher.channel.email;

import static java.util.Objects.requireNonNull;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.notice.Notice;
import io.clarion.core.subscriber.UnsubscribeLinks;
import io.clarion.core.template.ChannelWording;
import io.clarion.dispatcher.channel.ChannelSender;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClient;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends email through AWS SES v2, one attempt per delivery. Deliveries of the same content that arrive within
 * {@code bulk-window} of each other share one SendBulkEmail call (up to {@code bulk-size} destinations); a lone
 * delivery is one SendEmail. Every email carries {@code Message-ID: <msg_...@clarion>} (stable across retries) and
 * the recipient, incident and version as {@code X-Clarion-*} headers. Outcomes follow {@link SesAnswers}: email is
 * never {@link DeliveryOutcome.Undeliverable} here, since SES reports bounces only later. Exists only when
 * {@code clarion.channels.email.from} is set.
 */
@Component
@ConditionalOnProperty(prefix = "clarion.channels.email", name = "from")
class EmailSender implements ChannelSender, NoticeMailer, AutoCloseable {
    private final SesV2AsyncClient ses;
    private final SesRequests requests;
    private final EmailBatcher batcher;
    private final String account;

    @Autowired
    EmailSender(EmailProperties properties, SubscriberLinkProperties subscribers, JsonMapper json) {
        this(SesClients.create(checked(properties)), properties, json, subscribers.links());
    }

    EmailSender(EmailProperties properties, JsonMapper json) {
        this(SesClients.create(checked(properties)), properties, json, null);
    }

    EmailSender(SesV2AsyncClient ses, EmailProperties properties, JsonMapper json) {
        this(ses, properties, json, null);
    }

    EmailSender(SesV2AsyncClient ses, EmailProperties properties, JsonMapper json, UnsubscribeLinks subscriberLinks) {
        this.ses = requireNonNull(ses, "ses");
        this.requests = new SesRequests(checked(properties), json, subscriberLinks);
        this.account = "ses:" + properties.region();
        this.batcher = new EmailBatcher(properties.bulkSize(), properties.bulkWindow(), properties.maxConcurrency(),
                this::sendOne, this::sendMany);
    }

    private static EmailProperties checked(EmailProperties properties) {
        requireNonNull(properties, "properties");
        if (properties.from() == null) {
            throw new IllegalArgumentException("clarion.channels.email.from: blank (expected: a verified sender address)");
        }
        return properties;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String archived(DeliveryJob job) {
        ChannelWording.Email email = SesRequests.render(job);
        return email.subject() + '\u0000' + email.text() + '\u0000' + email.html();
    }

    @Override
    public Mono<DeliveryOutcome> send(DeliveryJob job) {
        return batcher.submit(job);
    }

    @Override
    public String account(DeliveryJob job) {
        return account;
    }

    /** A notice is one SendEmail of its own, never batched (its content is its recipient's alone). */
    @Override
    public Mono<DeliveryOutcome> send(Notice notice) {
        return Mono.fromFuture(() -> ses.sendEmail(requests.single(notice)))
                .<DeliveryOutcome>map(response -> new DeliveryOutcome.Sent())
                .onErrorResume(SdkException.class, error -> Mono.just(SesAnswers.ofError(error)));
    }

    private Mono<DeliveryOutcome> sendOne(DeliveryJob job) {
        return Mono.fromFuture(() -> ses.sendEmail(requests.single(job)))
                .<DeliveryOutcome>map(response -> new DeliveryOutcome.Sent())
                .onErrorResume(SdkException.class, error -> Mono.just(SesAnswers.ofError(error)));
    }

    /** One call for all; a call that fails as a whole gives every entry the same outcome. */
    private Mono<List<DeliveryOutcome>> sendMany(List<DeliveryJob> jobs) {
        // suppressCancel: the call is shared, one caller going away must not cancel it for the others
        return Mono.fromFuture(() -> ses.sendBulkEmail(requests.bulk(jobs)), true)
                .map(EmailSender::entryOutcomes)
                .onErrorResume(SdkException.class,
                        error -> Mono.just(jobs.stream().map(job -> SesAnswers.ofError(error)).toList()));
    }

    private static List<DeliveryOutcome> entryOutcomes(SendBulkEmailResponse response) {
        return response.bulkEmailEntryResults().stream().map(SesAnswers::ofEntry).toList();
    }

    @Override
    public void close() {
        batcher.close();
        ses.close();
    }
}
