package io.clarion.dispatcher.channel.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Twilio's own {@link NetworkHttpClient} (its pooled Apache client), changed in three ways:
 * <ul>
 *   <li>requests go to {@code base-url} instead of {@code https://api.twilio.com} (the SDK builds absolute
 *       {@code https://<domain>.twilio.com/...} URLs; only the scheme and authority are replaced);</li>
 *   <li>one attempt per call: the SDK's in-process retry of 5xx is off (the pipeline retries through its
 *       retry topic), and so is Apache's automatic retry;</li>
 *   <li>our connect/read timeouts, over the per-request config the SDK forces (30.5 s connect), and a pool of
 *       exactly {@code threads} connections: one per thread that can be using one.</li>
 * </ul>
 * It also keeps a 429's {@code Retry-After} for the calling thread, which Twilio's {@code ApiException} drops.
 */
class TwilioHttpClient extends NetworkHttpClient {
    private static final String TWILIO_HOST_SUFFIX = ".twilio.com";
    private static final ThreadLocal<Duration> RETRY_AFTER = new ThreadLocal<>();

    private final String baseUrl;
    /** A test hook: sees each request on the thread that sends it. */
    volatile Consumer<Request> beforeRequest = request -> { };

    TwilioHttpClient(SmsProperties properties) {
        super(builder(properties));
        String base = properties.baseUrl().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static HttpClientBuilder builder(SmsProperties properties) {
        Timeout connect = Timeout.of(properties.connectTimeout());
        Timeout read = Timeout.of(properties.readTimeout());
        var pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(properties.threads()).setMaxConnPerRoute(properties.threads())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read)
                        .build())
                .build();
        RequestConfig config = requestConfig(connect, read);
        return HttpClientBuilder.create().setConnectionManager(pool).disableAutomaticRetries()
                .addRequestInterceptorFirst((request, entity, context) ->
                        HttpClientContext.castOrCreate(context).setRequestConfig(config));
    }

    @SuppressWarnings("deprecation") // the SDK sets the same deprecated per-request connect timeout; ours must win
    private static RequestConfig requestConfig(Timeout connect, Timeout read) {
        return RequestConfig.custom().setConnectionRequestTimeout(connect).setConnectTimeout(connect)
                .setResponseTimeout(read).build();
    }

    @Override
    public Response makeRequest(Request request) {
        beforeRequest.accept(request);
        Response response = super.makeRequest(redirected(request));
        RETRY_AFTER.set(response.getStatusCode() == 429 ? retryAfter(response.getHeaders()) : null);
        return response;
    }

    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }

    /** The {@code Retry-After} of the last 429 this thread received, once; {@code null} when there was none. */
    static Duration takeRetryAfter() {
        Duration retryAfter = RETRY_AFTER.get();
        RETRY_AFTER.remove();
        return retryAfter;
    }

    void close() {
        client.close(CloseMode.GRACEFUL);
    }

    private Request redirected(Request request) {
        URI original = URI.create(request.getUrl());
        if (original.getHost() == null || !original.getHost().endsWith(TWILIO_HOST_SUFFIX)) {
            return request;
        }
        Request copy = new Request(request.getMethod(), baseUrl + original.getRawPath());
        copy.setContentType(request.getContentType());
        copy.setBody(request.getBody());
        copy.setFormParameters(request.getFormParameters());
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        request.getQueryParams().forEach((name, values) -> values.forEach(value -> copy.addQueryParam(name, value)));
        request.getPostParams().forEach((name, values) -> values.forEach(value -> copy.addPostParam(name, value)));
        request.getHeaderParams().forEach((name, values) -> values.forEach(value -> copy.addHeaderParam(name, value)));
        copyAuth(request, copy);
        return copy;
    }

    private static void copyAuth(Request from, Request to) {
        if (from.getAuthStrategy() != null) {
            to.setAuth(from.getAuthStrategy());
        } else if (from.getUsername() != null) {
            to.setAuth(from.getUsername(), from.getPassword());
        }
    }

    private static Duration retryAfter(Header[] headers) {
        return Arrays.stream(headers == null ? new Header[0] : headers)
                .filter(header -> header.getName().equalsIgnoreCase("Retry-After"))
                .map(header -> seconds(header.getValue()))
                .findFirst().orElse(null);
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            return null; // an HTTP date: Twilio sends seconds; the channel's backoff decides instead
        }
    }
}
