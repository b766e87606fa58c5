package io.clarion.core.blackout;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.audience.RecipientProfile;
import io.clarion.core.audience.SegmentRule;
import io.clarion.core.validation.FieldError;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlackoutsTest {
    private static final Instant NOW = Instant.parse("2026-01-15T14:30:00Z");
    private static final RecipientProfile APAC = new RecipientProfile("enterprise", "apac", "ja-JP", List.of(), Map.of());
    private static final RecipientProfile EU = new RecipientProfile("enterprise", "eu", "de-DE", List.of(), Map.of());
    private static final Map<String, SegmentRule> SEGMENTS = Map.of("apac",
            new SegmentRule(Map.of("region", List.of("apac"))));

    private static Blackout blackout(String name, List<String> segments, BlackoutWindow window, String... overrides) {
        return new Blackout(name, segments == null ? null : new Blackout.Audience(segments), window, List.of(overrides));
    }

    @Test
    void aRecipientInTheAudienceInsideTheWindowIsHeldUntilItEnds() {
        Blackouts blackouts = new Blackouts(List.of(blackout("nights", List.of("apac"),
                new BlackoutWindow(null, null, "22:00", "07:00"))), SEGMENTS);

        assertThat(blackouts.hold("SEV3", APAC, ZoneId.of("Asia/Tokyo"), NOW))
                .contains(new Blackouts.Hold("nights", Instant.parse("2026-01-15T22:00:00Z")));
        assertThat(blackouts.hold("SEV3", EU, ZoneId.of("Asia/Tokyo"), NOW)).as("not in the audience").isEmpty();
        assertThat(blackouts.hold("SEV3", APAC, ZoneId.of("Europe/Berlin"), NOW)).as("15:30 in Berlin").isEmpty();
    }

    @Test
    void anOverrideSeverityGoesOutAndABlackoutWithoutAudienceHoldsTheWholeTenant() {
        Blackouts blackouts = new Blackouts(List.of(blackout("freeze", null,
                new BlackoutWindow("2026-01-15T00:00:00Z", "2026-01-16T00:00:00Z", null, null), "SEV1")), Map.of());

        assertThat(blackouts.hold("SEV1", EU, ZoneOffset.UTC, NOW)).isEmpty();
        assertThat(blackouts.hold("SEV2", EU, ZoneOffset.UTC, NOW)).map(Blackouts.Hold::blackout).contains("freeze");
    }

    @Test
    void overlappingWindowsHoldUntilTheLatestEndAndAMissingSegmentHoldsNobody() {
        Blackouts blackouts = new Blackouts(List.of(
                blackout("short", null, new BlackoutWindow("2026-01-15T00:00:00Z", "2026-01-15T15:00:00Z", null, null)),
                blackout("long", null, new BlackoutWindow("2026-01-15T14:00:00Z", "2026-01-15T18:00:00Z", null, null)),
                blackout("gone", List.of("deleted"), new BlackoutWindow("2026-01-15T00:00:00Z",
                        "2026-01-20T00:00:00Z", null, null))), SEGMENTS);

        assertThat(blackouts.hold("SEV3", EU, ZoneOffset.UTC, NOW))
                .contains(new Blackouts.Hold("long", Instant.parse("2026-01-15T18:00:00Z")));
    }

    @Test
    void recipientsWithoutAValidTimeZoneAreReadInUtc() {
        assertThat(Blackouts.zoneOrUtc(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(Blackouts.zoneOrUtc("Mars/Olympus")).isEqualTo(ZoneOffset.UTC);
        assertThat(Blackouts.zoneOrUtc("Asia/Tokyo")).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void validationNamesEveryBadField() {
        Blackout bad = new Blackout("bad name", new Blackout.Audience(List.of()),
                new BlackoutWindow(null, null, "22:00", "25:00"), List.of("SEV9"));

        assertThat(bad.validate()).extracting(FieldError::field)
                .containsExactly("name", "audience.segments", "window.dailyTo", "overrideSeverities[0]");
        assertThat(new Blackout("nights", null, null, null).validate()).extracting(FieldError::field)
                .containsExactly("window");
    }
}
