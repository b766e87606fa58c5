package io.clarion.devstack.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One email as its recipients would see it, read from an SES v2 request: {@link #simple} from a
 * SendEmail body ({@code Content.Simple}), {@link #bulk} from a SendBulkEmail body (one per entry,
 * {@code DefaultContent.Template.TemplateContent} rendered with the merged template data, default
 * headers overridden by the entry's {@code ReplacementHeaders}). Template placeholders are
 * {@code {{name}}} replaced by top-level template data values; no other Handlebars syntax.
 */
record SesEmail(String from, List<String> to, String subject, String text, String html, Map<String, String> headers) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*}}");

    /** The email of a SendEmail request, which must carry {@code Content.Simple}. */
    static SesEmail simple(JsonNode request) {
        JsonNode simple = request.path("Content").path("Simple");
        if (!simple.isObject()) {
            throw new IllegalArgumentException("Content.Simple is required (the sandbox does not take Raw or Template)");
        }
        return new SesEmail(from(request), addresses(request.path("Destination")),
                simple.path("Subject").path("Data").asString(""), simple.path("Body").path("Text").path("Data").asString(null),
                simple.path("Body").path("Html").path("Data").asString(null), headers(simple.path("Headers"), Map.of()));
    }

    /** The emails of a SendBulkEmail request, one per entry, in entry order. */
    static List<SesEmail> bulk(JsonNode request) {
        JsonNode template = request.path("DefaultContent").path("Template");
        JsonNode content = template.path("TemplateContent");
        if (!content.isObject()) {
            throw new IllegalArgumentException("DefaultContent.Template.TemplateContent is required "
                    + "(the sandbox stores no templates, so TemplateName and TemplateArn are not found)");
        }
        JsonNode entries = request.path("BulkEmailEntries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new IllegalArgumentException("BulkEmailEntries must hold at least one entry");
        }
        Map<String, String> defaultHeaders = headers(template.path("Headers"), Map.of());
        String defaultData = template.path("TemplateData").asString("{}");
        Rendered withDefaultData = null; // rendered once for all the entries without replacement data
        List<SesEmail> emails = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode replacement = entry.path("ReplacementEmailContent").path("ReplacementTemplate")
                    .path("ReplacementTemplateData");
            Rendered rendered;
            if (replacement.isMissingNode() || replacement.isNull()) {
                if (withDefaultData == null) {
                    withDefaultData = Rendered.of(content, mergedData(defaultData, "{}"));
                }
                rendered = withDefaultData;
            } else {
                rendered = Rendered.of(content, mergedData(defaultData, replacement.asString("{}")));
            }
            emails.add(new SesEmail(from(request), addresses(entry.path("Destination")), rendered.subject(),
                    rendered.text(), rendered.html(), headers(entry.path("ReplacementHeaders"), defaultHeaders)));
        }
        return emails;
    }

    /** A template's subject, text and HTML with its placeholders filled from one entry's data. */
    private record Rendered(String subject, String text, String html) {
        static Rendered of(JsonNode content, JsonNode data) {
            return new Rendered(render(content.path("Subject").asString(""), data),
                    render(content.path("Text").asString(null), data), render(content.path("Html").asString(null), data));
        }
    }

    /** The header's value, by case-insensitive name, or {@code null}. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** What the sandbox's inbox shows as the message body. */
    Map<String, Object> summary() {
        return JsonReplies.fields("from", from, "to", to, "subject", subject, "text", text, "html", html,
                "headers", headers);
    }

    private static String from(JsonNode request) {
        String from = request.path("FromEmailAddress").asString("");
        if (from.isEmpty()) {
            throw new IllegalArgumentException("FromEmailAddress is required");
        }
        return from;
    }

    private static List<String> addresses(JsonNode destination) {
        List<String> addresses = new ArrayList<>();
        for (String field : List.of("ToAddresses", "CcAddresses", "BccAddresses")) {
            destination.path(field).forEach(address -> addresses.add(address.asString()));
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("Destination must name at least one address");
        }
        return List.copyOf(addresses);
    }

    private static Map<String, String> headers(JsonNode list, Map<String, String> defaults) {
        Map<String, String> headers = new LinkedHashMap<>(defaults);
        list.forEach(header -> headers.put(header.path("Name").asString("").toLowerCase(Locale.ROOT),
                header.path("Value").asString("")));
        return headers;
    }

    private static JsonNode mergedData(String defaults, String replacement) {
        JsonNode merged = JsonReplies.MAPPER.readTree(defaults);
        JsonNode overrides = JsonReplies.MAPPER.readTree(replacement);
        if (!merged.isObject() || !overrides.isObject()) {
            throw new IllegalArgumentException("TemplateData and ReplacementTemplateData must be JSON objects");
        }
        ((ObjectNode) merged).setAll((ObjectNode) overrides);
        return merged;
    }

    private static String render(String template, JsonNode data) {
        if (template == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(data.path(match.group(1)).asString("")));
    }
}
