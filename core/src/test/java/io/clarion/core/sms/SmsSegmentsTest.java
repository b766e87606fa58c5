package io.clarion.core.sms;

import static io.clarion.core.sms.SmsSegments.Encoding.GSM_7;
import static io.clarion.core.sms.SmsSegments.Encoding.UCS_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.sms.SmsSegments.Encoding;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmsSegmentsTest {
    private static final String EMOJI = "\uD83D\uDE00";

    static Stream<Arguments> texts() {
        return Stream.of(
                row("empty", "", GSM_7, 0, 1),
                row("160 GSM chars fit one segment", "a".repeat(160), GSM_7, 160, 1),
                row("161 GSM chars take two", "a".repeat(161), GSM_7, 161, 2),
                row("306 GSM chars fill two concatenated parts", "a".repeat(306), GSM_7, 306, 2),
                row("307 GSM chars take three", "a".repeat(307), GSM_7, 307, 3),
                row("euro costs 2 septets", "€", GSM_7, 2, 1),
                row("bracket costs 2 septets", "[", GSM_7, 2, 1),
                row("every extension char costs 2", "^{}\\[~]|€\f", GSM_7, 20, 1),
                row("159 chars and a euro exceed 160", "a".repeat(159) + "€", GSM_7, 161, 2),
                row("158 chars and a euro fit", "a".repeat(158) + "€", GSM_7, 160, 1),
                row("escape pair at a boundary moves whole to the next part",
                        "a".repeat(152) + "€" + "a".repeat(152), GSM_7, 306, 3),
                row("escape pair ending exactly at a boundary stays", "a".repeat(151) + "€" + "a".repeat(153),
                        GSM_7, 306, 2),
                row("u-circumflex is not GSM", "Ça coûte 5£ @ Δ ΩÆ¿¡§", UCS_2, 21, 1),
                row("GSM basic letters only", "Ça va 5£ @ Δ ΩÆ¿¡§ñü\r\n", GSM_7, 22, 1),
                row("lowercase c-cedilla is not GSM", "ç", UCS_2, 1, 1),
                row("70 UCS-2 chars fit one segment", "ж".repeat(70), UCS_2, 70, 1),
                row("71 UCS-2 chars take two", "ж".repeat(71), UCS_2, 71, 2),
                row("134 UCS-2 chars fill two parts", "ж".repeat(134), UCS_2, 134, 2),
                row("135 UCS-2 chars take three", "ж".repeat(135), UCS_2, 135, 3),
                row("an emoji costs two UTF-16 units", EMOJI, UCS_2, 2, 1),
                row("one emoji turns GSM text into UCS-2", "a".repeat(69) + EMOJI, UCS_2, 71, 2),
                row("a surrogate pair is never split", "ж".repeat(66) + EMOJI + "ж".repeat(66), UCS_2, 134, 3));
    }

    private static Arguments row(String name, String text, Encoding encoding, int units, int segments) {
        return Arguments.of(name, text, new SmsSegments(encoding, units, segments));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void countsEncodingUnitsAndSegments(String name, String text, SmsSegments expected) {
        assertThat(SmsSegments.of(text)).isEqualTo(expected);
    }

    @Test
    void aStringBuilderCountsLikeItsString() {
        assertThat(SmsSegments.of(new StringBuilder("a".repeat(161)))).isEqualTo(SmsSegments.of("a".repeat(161)));
    }
}
