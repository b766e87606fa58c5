package io.clarion.core.blackout;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlackoutWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static BlackoutWindow daily(String from, String to) {
        return new BlackoutWindow(null, null, from, to);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void anAbsoluteWindowHoldsFromItsStartUntilItsEndWhateverTheZone() {
        BlackoutWindow window = new BlackoutWindow("2026-12-24T18:00:00Z", "2026-12-26T06:00:00Z", null, null);

        assertThat(window.endIfInside(at("2026-12-24T17:59:59Z"), TOKYO)).isEmpty();
        assertThat(window.endIfInside(at("2026-12-24T18:00:00Z"), TOKYO)).contains(at("2026-12-26T06:00:00Z"));
        assertThat(window.endIfInside(at("2026-12-25T12:00:00Z"), BERLIN)).contains(at("2026-12-26T06:00:00Z"));
        assertThat(window.endIfInside(at("2026-12-26T06:00:00Z"), BERLIN)).as("the end is outside").isEmpty();
    }

    @Test
    void aDailyWindowCrossingMidnightHoldsLateEveningUntilNextMorningAndEarlyMorningUntilThatMorning() {
        BlackoutWindow night = daily("22:00", "07:00");

        // 23:30 in Tokyo (UTC+9) on 15 January: until 07:00 on the 16th
        assertThat(night.endIfInside(at("2026-01-15T14:30:00Z"), TOKYO)).contains(at("2026-01-15T22:00:00Z"));
        // 03:00 in Tokyo on the 16th: until 07:00 that morning
        assertThat(night.endIfInside(at("2026-01-15T18:00:00Z"), TOKYO)).contains(at("2026-01-15T22:00:00Z"));
        // 22:00 exactly is inside, 07:00 exactly is not
        assertThat(night.endIfInside(at("2026-01-15T13:00:00Z"), TOKYO)).isPresent();
        assertThat(night.endIfInside(at("2026-01-15T22:00:00Z"), TOKYO)).isEmpty();
        // the same instant in Berlin is 15:30: outside
        assertThat(night.endIfInside(at("2026-01-15T14:30:00Z"), BERLIN)).isEmpty();
    }

    @Test
    void aDailyWindowWithinOneDayHoldsOnlyBetweenItsTimes() {
        BlackoutWindow lunch = daily("12:00", "13:30");

        assertThat(lunch.endIfInside(at("2026-06-01T12:15:00Z"), ZoneOffset.UTC)).contains(at("2026-06-01T13:30:00Z"));
        assertThat(lunch.endIfInside(at("2026-06-01T11:59:00Z"), ZoneOffset.UTC)).isEmpty();
        assertThat(lunch.endIfInside(at("2026-06-01T13:30:00Z"), ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void aWindowEndingInTheSpringForwardGapEndsAtTheTransition() {
        // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00Z; 02:30 does not exist that night
        BlackoutWindow night = daily("22:00", "02:30");

        assertThat(night.endIfInside(at("2026-03-28T22:30:00Z"), BERLIN)).as("23:30 CET")
                .contains(at("2026-03-29T01:00:00Z"));
        assertThat(night.endIfInside(at("2026-03-29T00:59:00Z"), BERLIN)).as("01:59 CET")
                .contains(at("2026-03-29T01:00:00Z"));
        assertThat(night.endIfInside(at("2026-03-29T01:00:00Z"), BERLIN)).as("03:00 CEST: over").isEmpty();
    }

    @Test
    void aWindowSpanningTheSpringForwardNightEndsAtItsLocalTimeInTheNewOffset() {
        BlackoutWindow night = daily("22:00", "07:00");

        assertThat(night.endIfInside(at("2026-03-28T22:00:00Z"), BERLIN)).as("23:00 CET, ends 07:00 CEST")
                .contains(at("2026-03-29T05:00:00Z"));
    }

    @Test
    void aWindowEndingInTheFallBackOverlapEndsAtItsNextOccurrenceNeverBeforeItWasEntered() {
        // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00Z; 02:30 happens twice
        BlackoutWindow night = daily("22:00", "02:30");

        assertThat(night.endIfInside(at("2026-10-24T21:00:00Z"), BERLIN)).as("23:00 CEST: the first 02:30")
                .contains(at("2026-10-25T00:30:00Z"));
        assertThat(night.endIfInside(at("2026-10-25T01:10:00Z"), BERLIN)).as("02:10 CET, the second time round")
                .contains(at("2026-10-25T01:30:00Z"));
    }

    @Test
    void validationNamesTheFieldAndWhatWasExpected() {
        assertThat(errors(new BlackoutWindow("2026-12-24T18:00:00Z", "2026-12-24T17:00:00Z", null, null)))
                .extracting(FieldError::field).containsExactly("window.end");
        assertThat(errors(new BlackoutWindow("2026-12-24T18:00:00+01:00", "yesterday", null, null)))
                .extracting(FieldError::field).containsExactly("window.start", "window.end");
        assertThat(errors(new BlackoutWindow("2026-12-24T18:00:00Z", null, null, null)))
                .extracting(FieldError::field).containsExactly("window.end");
        assertThat(errors(daily("24:00", "7:00"))).extracting(FieldError::field)
                .containsExactly("window.dailyFrom", "window.dailyTo");
        assertThat(errors(daily("22:00", "22:00"))).extracting(FieldError::field).containsExactly("window.dailyTo");
        assertThat(errors(new BlackoutWindow("2026-12-24T18:00:00Z", null, "22:00", null)))
                .extracting(FieldError::field).containsExactly("window");
        assertThat(errors(new BlackoutWindow(null, null, null, null))).extracting(FieldError::field)
                .containsExactly("window");
        assertThat(errors(daily("22:00", "07:00"))).isEmpty();
    }

    private static List<FieldError> errors(BlackoutWindow window) {
        Violations v = new Violations();
        window.validate("window", v);
        return v.errors();
    }
}
