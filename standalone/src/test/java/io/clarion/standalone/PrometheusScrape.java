package io.clarion.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Prometheus text-format scrape, as series: metric name and labels. */
record PrometheusScrape(List<Series> series) {
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Series(String name, Map<String, String> labels) {
    }

    static PrometheusScrape of(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new AssertionError("cannot scrape " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static PrometheusScrape parse(String text) {
        return new PrometheusScrape(text.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(PrometheusScrape::series).toList());
    }

    private static Series series(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            throw new AssertionError("not a sample line: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (matcher.group(3) != null) {
            Matcher label = LABEL.matcher(matcher.group(3));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return new Series(matcher.group(1), labels);
    }

    boolean has(String name) {
        return series.stream().anyMatch(s -> s.name().equals(name));
    }
}
