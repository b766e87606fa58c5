package io.clarion.gateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.audience.SegmentRule;
import io.clarion.core.broadcast.BroadcastJob;
import io.clarion.core.channel.Channel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The segment snapshots inside a queued {@link BroadcastJob}, as the gateway writes and the dispatcher reads them. */
class SegmentSnapshotJsonTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aJobQueuedBeforeAllExistedStillReadsWithTheSameMeaning() {
        String old = """
                {"broadcastId":"b-1","incidentId":"INC-1","version":2,"recipients":[],"channels":["WEBHOOK"],
                 "tenant":"t","segments":{"everyone":{"match":{}},"eu":{"match":{"region":["eu"]}}}}""";

        BroadcastJob job = json.readValue(old, BroadcastJob.class);

        assertThat(job.segments().get("everyone")).isEqualTo(SegmentRule.ALL);
        assertThat(job.segments().get("eu").all()).isFalse();
        assertThat(job.segments().get("eu").match()).containsEntry("region", List.of("eu"));
        assertThat(job.services()).as("a job queued before affected services targets none").isEmpty();
    }

    @Test
    void aJobWithAffectedServicesRoundTrips() {
        BroadcastJob job = new BroadcastJob("b-3", "INC-1", 1, Map.of(), List.of(), List.of(Channel.SMS), "t",
                List.of("api", "db"));

        assertThat(json.readValue(json.writeValueAsString(job), BroadcastJob.class)).isEqualTo(job);
    }

    @Test
    void aJobRoundTripsWithAllSpelledOut() {
        BroadcastJob job = new BroadcastJob("b-2", "INC-1", 1, Map.of("everyone", SegmentRule.ALL,
                "pro", new SegmentRule(Map.of("tier", List.of("pro")))), List.of("r-1"), List.of(Channel.EMAIL), "t");

        String written = json.writeValueAsString(job);

        assertThat(written).contains("\"all\":true").contains("\"all\":false");
        assertThat(json.readValue(written, BroadcastJob.class)).isEqualTo(job);
    }
}
