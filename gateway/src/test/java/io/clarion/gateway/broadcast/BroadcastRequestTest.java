package io.clarion.gateway.broadcast;

import io.clarion.core.broadcast.Approval;
import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastRequestTest {
    private final BroadcastRequest.Audience audience = new BroadcastRequest.Audience(List.of("eu"), List.of("r-1"));

    @Test
    void versionMayBeOmittedForTheLatest() {
        assertThat(new BroadcastRequest("INC-1", null, audience, List.of("webhook", "email"), null).validate()).isEmpty();
    }

    @Test
    void refusesAnEmptyAudienceUnknownChannelsAndNonPositiveVersions() {
        var request = new BroadcastRequest("INC 1", 0, new BroadcastRequest.Audience(List.of(), null),
                List.of("webhook", "fax"), null);
        assertThat(request.validate()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("incidentId", "version", "audience", "channels[1]");
    }

    @Test
    void refusesAnAutoReleaseThatIsNotAPositiveDurationOfAtMostAWeek() {
        for (String bad : List.of("10 minutes", "PT0S", "-PT1M", "P8D")) {
            var request = new BroadcastRequest("INC-1", null, audience, List.of("email"),
                    new Approval(true, bad));
            assertThat(request.validate()).as(bad).extracting(FieldError::field)
                    .containsExactly("approval.autoReleaseAfter");
        }
        assertThat(new BroadcastRequest("INC-1", null, audience, List.of("email"),
                new Approval(true, "PT10M")).validate()).isEmpty();
    }

    @Test
    void channelsAreParsedOnceEach() {
        assertThat(new BroadcastRequest("INC-1", 2, audience, List.of("sms", "webhook", "sms"), null).parsedChannels())
                .containsExactly(Channel.SMS, Channel.WEBHOOK);
    }
}
