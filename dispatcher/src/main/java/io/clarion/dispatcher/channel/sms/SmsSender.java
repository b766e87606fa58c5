package io.clarion.dispatcher.channel.sms;

import static java.util.Objects.requireNonNull;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.sms.SmsSegments;
import io.clarion.dispatcher.channel.ChannelSender;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends SMS through Twilio's Java SDK, one attempt per call. The SDK blocks, so every call runs on a bounded
 * scheduler ({@code threads} threads named {@code twilio-*}, at most {@code queue} waiting), never on the caller's
 * thread or an event loop; a full queue answers {@code RetryLater(twilio-queue-full)}, never an error. A message
 * longer than {@code max-segments} is suppressed before Twilio is called. On when {@code account-sid} is set.
 */
@Component
@ConditionalOnProperty(prefix = "clarion.channels.sms", name = "account-sid")
class SmsSender implements ChannelSender, DisposableBean {
    private final SmsProperties properties;
    private final TwilioHttpClient http;
    private final TwilioRestClient twilio;
    private final Scheduler scheduler;

    SmsSender(SmsProperties properties) {
        this.properties = requireNonNull(properties, "properties");
        requireNonNull(properties.accountSid(), "accountSid");
        this.http = new TwilioHttpClient(properties);
        this.twilio = new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
                .httpClient(http).build();
        // daemon threads: a dispatcher that is shutting down must not wait for them; destroy() disposes them
        this.scheduler = Schedulers.newBoundedElastic(properties.threads(), properties.queue(), "twilio", 60, true);
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String archived(DeliveryJob job) {
        return SmsText.render(job);
    }

    @Override
    public String account(DeliveryJob job) {
        return "twilio:" + properties.accountSid();
    }

    @Override
    public Mono<DeliveryOutcome> send(DeliveryJob job) {
        String text = SmsText.render(job);
        SmsSegments segments = SmsSegments.of(text);
        if (segments.segments() > properties.maxSegments()) {
            return Mono.just(new DeliveryOutcome.Suppressed(
                    "sms-too-long: " + segments.segments() + " segments > " + properties.maxSegments()));
        }
        return Mono.fromCallable(() -> create(job, text))
                .subscribeOn(scheduler)
                .onErrorResume(SmsSender::isQueueFull,
                        e -> Mono.just(DeliveryOutcome.RetryLater.backoff(TwilioOutcomes.QUEUE_FULL)));
    }

    /** Blocking: runs on a {@code twilio-*} thread. Twilio's answers come back as values, bugs as exceptions. */
    private DeliveryOutcome create(DeliveryJob job, String text) {
        try {
            Message message = creator(job, text).create(twilio);
            return message.getSid() == null ? new DeliveryOutcome.Unrecognized("twilio:no-sid")
                    : new DeliveryOutcome.Sent();
        } catch (RuntimeException e) {
            DeliveryOutcome outcome = TwilioOutcomes.of(e, TwilioHttpClient.takeRetryAfter());
            if (outcome == null) {
                throw e;
            }
            return outcome;
        }
    }

    private MessageCreator creator(DeliveryJob job, String text) {
        PhoneNumber to = new PhoneNumber(job.destination());
        MessageCreator creator = properties.usesMessagingService()
                ? Message.creator(to, properties.messagingServiceSid(), text)
                : Message.creator(to, new PhoneNumber(properties.from()), text);
        if (properties.statusCallbackUrl() != null) {
            creator.setStatusCallback(SmsText.statusCallback(properties.statusCallbackUrl(), job));
        }
        return creator;
    }

    /** {@code queue} sends already wait for a {@code twilio-*} thread: the scheduler refused this one. */
    private static boolean isQueueFull(Throwable e) {
        return Exceptions.unwrap(e) instanceof RejectedExecutionException;
    }

    /** The HTTP client, for tests that watch which thread sends. */
    TwilioHttpClient http() {
        return http;
    }

    @Override
    public void destroy() {
        scheduler.dispose();
        http.close();
    }
}
