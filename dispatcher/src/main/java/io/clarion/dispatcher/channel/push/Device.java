package io.clarion.dispatcher.channel.push;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** One of a recipient's devices, as the push contact point lists them: {@code {"platform":"fcm","token":"..."}}. */
record Device(String platform, String token) {

    /**
     * The devices of a push contact point (a JSON array), without duplicates and at most {@code max} of them;
     * {@code null} when the text is not such an array.
     */
    static List<Device> parse(String destination, int max, JsonMapper json) {
        try {
            Device[] devices = json.readValue(destination, Device[].class);
            return devices == null ? null : Arrays.stream(devices).filter(Objects::nonNull).distinct().limit(max).toList();
        } catch (JacksonException notAnArray) {
            return null;
        }
    }

    boolean isUsable() {
        return platform != null && token != null && !token.isBlank();
    }
}
