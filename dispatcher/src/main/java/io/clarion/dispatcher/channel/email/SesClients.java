package io.clarion.dispatcher.channel.email;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClient;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClientBuilder;

/**
 * Builds the SES v2 client: the Netty async HTTP client with at most {@code maxConcurrency} requests in flight,
 * the configured region and endpoint override, and the SDK's own retries switched off (one attempt per send: the
 * pipeline retries through its retry topic). The HTTP client's connect and read timeouts are the SDK's defaults.
 */
final class SesClients {
    private SesClients() {
    }

    static SesV2AsyncClient create(EmailProperties properties) {
        SesV2AsyncClientBuilder builder = SesV2AsyncClient.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials(properties))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(properties.maxConcurrency()))
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(EmailProperties properties) {
        if (properties.hasStaticCredentials()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
