package io.clarion.gateway.recipient;

import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import io.clarion.core.webhook.WebhookSecret;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A recipient as the API receives it: {@code PUT /v1/recipients/{id}} or one NDJSON import line. */
record RecipientRequest(String id, String locale, String tier, String region, String timeZone,
                        List<String> services, Map<String, String> attributes, Contacts contacts) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    record Contacts(String email, String sms, List<PushToken> push, Webhook webhook) {
    }

    record PushToken(String platform, String token) {
    }

    record Webhook(String url, String secret) {
    }

    RecipientRequest withId(String newId) {
        return new RecipientRequest(newId, locale, tier, region, timeZone, services, attributes, contacts);
    }

    /** The same recipient with its webhook secret masked, for answers: secrets are written, never read back. */
    RecipientRequest redacted() {
        if (contacts == null || contacts.webhook() == null) {
            return this;
        }
        var webhook = new Webhook(contacts.webhook().url(), "***");
        return new RecipientRequest(id, locale, tier, region, timeZone, services, attributes,
                new Contacts(contacts.email(), contacts.sms(), contacts.push(), webhook));
    }

    List<String> servicesOrEmpty() {
        return services == null ? List.of() : services;
    }

    List<FieldError> validate() {
        Violations v = new Violations().required("id", id).identifier("id", id)
                .maxLength("locale", locale, 35).maxLength("tier", tier, 64).maxLength("region", region, 64)
                .strings("services", services, 128);
        validateTimeZone(v);
        if (attributes != null) {
            attributes.forEach((key, value) -> v.required("attributes." + key, value)
                    .maxLength("attributes." + key, value, 256));
        }
        if (contacts != null) {
            validateContacts(v, contacts);
        }
        return v.errors();
    }

    private void validateTimeZone(Violations v) {
        if (timeZone == null) {
            return;
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            v.add("timeZone", "'" + timeZone + "' is not an IANA time zone (expected e.g. Europe/Berlin)");
        }
    }

    private static void validateContacts(Violations v, Contacts c) {
        if (c.email() != null && (!EMAIL.matcher(c.email()).matches() || c.email().length() > 254)) {
            v.add("contacts.email", "'" + c.email() + "' is not an email address");
        }
        if (c.sms() != null && !E164.matcher(c.sms()).matches()) {
            v.add("contacts.sms", "'" + c.sms() + "' is not an E.164 number (expected e.g. +15550100001)");
        }
        if (c.push() != null) {
            for (int i = 0; i < c.push().size(); i++) {
                validatePush(v, "contacts.push[" + i + "]", c.push().get(i));
            }
        }
        if (c.webhook() != null) {
            validateWebhook(v, c.webhook());
        }
    }

    private static void validatePush(Violations v, String path, PushToken push) {
        if (push == null) {
            v.add(path, "is required");
            return;
        }
        if (!"fcm".equals(push.platform()) && !"apns".equals(push.platform())) {
            v.add(path + ".platform", "'" + push.platform() + "' is not a push platform (expected: fcm or apns)");
        }
        v.required(path + ".token", push.token()).maxLength(path + ".token", push.token(), 4096);
    }

    private static void validateWebhook(Violations v, Webhook webhook) {
        v.required("contacts.webhook.url", webhook.url()).maxLength("contacts.webhook.url", webhook.url(), 2048)
                .maxLength("contacts.webhook.secret", webhook.secret(), 256);
        WebhookSecret.problem(webhook.secret()).ifPresent(reason -> v.add("contacts.webhook.secret", reason));
        if (webhook.url() != null && !isHttpUrl(webhook.url())) {
            v.add("contacts.webhook.url", "'" + webhook.url() + "' is not an absolute http(s) URL");
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
