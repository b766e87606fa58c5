package io.clarion.dispatcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.process.LoopbackPorts;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Status;
import reactor.test.StepVerifier;

/** The readiness check on Kafka, against the real broker and against a port where none listens. */
@ExtendWith(DevStackExtension.class)
class KafkaHealthIndicatorTest {

    @Test
    void isUpWithTheClusterIdWhenABrokerDescribesTheCluster(DevStack stack) {
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(properties(stack.kafkaBootstrap()));
        try {
            indicator.health().as(StepVerifier::create).assertNext(health -> {
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsKey("clusterId").containsEntry("nodes", 1);
            }).verifyComplete();
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void isDownWithinItsTimeoutWhenNoBrokerAnswers() {
        KafkaHealthIndicator indicator = new KafkaHealthIndicator(properties("127.0.0.1:" + LoopbackPorts.free()));
        try {
            indicator.health().as(StepVerifier::create)
                    .assertNext(health -> assertThat(health.getStatus()).isEqualTo(Status.DOWN))
                    .expectComplete()
                    .verify(KafkaHealthIndicator.TIMEOUT.plusSeconds(2));
        } finally {
            indicator.destroy();
        }
    }

    private static KafkaProperties properties(String bootstrap) {
        return new KafkaProperties(bootstrap, "b", "d", "d.retry", "d.dlq", "n", 1, (short) 1, "g", Duration.ofMillis(200), 100, Map.of(),
                null);
    }
}
