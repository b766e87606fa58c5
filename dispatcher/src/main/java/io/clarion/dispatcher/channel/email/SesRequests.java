package io.clarion.dispatcher.channel.email;

import static java.util.Objects.requireNonNull;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.notice.Notice;
import io.clarion.core.subscriber.UnsubscribeLinks;
import io.clarion.core.template.ChannelWording;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sesv2.model.BulkEmailContent;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntry;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.EmailTemplateContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.Template;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds SES v2 requests. A lone delivery is a SendEmail with a simple message and its headers. A batch of
 * deliveries of the same content is one SendBulkEmail: inline template content whose only placeholders are
 * {@code {{subject}}}, {@code {{text}}} and {@code {{html}}}, filled from the template data with the already
 * rendered (and, for HTML, escaped) parts, so update content is never parsed as template syntax; each entry carries
 * its recipient's headers as {@code ReplacementHeaders}.
 */
final class SesRequests {
    static final EmailTemplateContent TEMPLATE = EmailTemplateContent.builder()
            .subject("{{subject}}").text("{{text}}").html("{{html}}").build();

    private final String from;
    private final String configurationSet;
    private final EmailHeaders headers;
    private final JsonMapper json;

    SesRequests(EmailProperties properties, JsonMapper json) {
        this(properties, json, null);
    }

    SesRequests(EmailProperties properties, JsonMapper json, UnsubscribeLinks subscriberLinks) {
        this.from = requireNonNull(properties.from(), "from");
        this.configurationSet = properties.configurationSet();
        this.headers = new EmailHeaders(properties.unsubscribeUrl(), from, subscriberLinks);
        this.json = requireNonNull(json, "json");
    }

    SendEmailRequest single(DeliveryJob job) {
        ChannelWording.Email email = render(job);
        Message message = Message.builder()
                .subject(utf8(email.subject()))
                .body(Body.builder().text(utf8(email.text())).html(utf8(email.html())).build())
                .headers(headers.of(job))
                .build();
        return SendEmailRequest.builder()
                .fromEmailAddress(from)
                .destination(to(job))
                .content(EmailContent.builder().simple(message).build())
                .configurationSetName(configurationSet)
                .build();
    }

    /** A notice: one SendEmail with its complete content and its own headers. */
    SendEmailRequest single(Notice notice) {
        Message message = Message.builder()
                .subject(utf8(ChannelWording.oneLine(notice.subject())))
                .body(Body.builder().text(utf8(notice.text())).html(utf8(notice.html())).build())
                .headers(headers.of(notice))
                .build();
        return SendEmailRequest.builder()
                .fromEmailAddress(from)
                .destination(Destination.builder().toAddresses(notice.to()).build())
                .content(EmailContent.builder().simple(message).build())
                .configurationSetName(configurationSet)
                .build();
    }

    /** One request for jobs that share their content; entry i is job i. */
    SendBulkEmailRequest bulk(List<DeliveryJob> jobs) {
        ChannelWording.Email email = render(jobs.get(0));
        String data = json.writeValueAsString(
                Map.of("subject", email.subject(), "text", email.text(), "html", email.html()));
        Template template = Template.builder().templateContent(TEMPLATE).templateData(data).build();
        List<BulkEmailEntry> entries = jobs.stream()
                .map(job -> BulkEmailEntry.builder().destination(to(job)).replacementHeaders(headers.of(job)).build())
                .toList();
        return SendBulkEmailRequest.builder()
                .fromEmailAddress(from)
                .defaultContent(BulkEmailContent.builder().template(template).build())
                .bulkEmailEntries(entries)
                .configurationSetName(configurationSet)
                .build();
    }

    /** What every recipient of one update reads by email ({@link ChannelWording#email}). */
    static ChannelWording.Email render(DeliveryJob job) {
        return ChannelWording.email(job.incidentId(), job.version(), job.content(), job.message());
    }

    private static Destination to(DeliveryJob job) {
        return Destination.builder().toAddresses(job.destination()).build();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}
