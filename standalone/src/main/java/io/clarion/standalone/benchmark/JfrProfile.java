package io.clarion.standalone.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of this JVM over a measured broadcast (the JDK's {@code default} settings with an execution sample
 * every 10 ms, as its {@code profile} settings take; a recording still costs CPU: 300,000 emails took 72.5 s recorded
 * so, 79.8 s under {@code profile}, 57.2 s unrecorded), written to a file for
 * JDK Mission Control or {@code jfr print}, and summarised where the CPU went: the methods most often on top of the
 * sampled stacks (self time) and the Clarion methods most often anywhere on them (total time), as shares of the
 * execution samples.
 */
final class JfrProfile implements AutoCloseable {
    private static final int TOP = 15;
    private static final Duration SAMPLING = Duration.ofMillis(10);
    private final Recording recording;
    private final Path file;

    private JfrProfile(Path file) {
        this.file = file;
        try {
            this.recording = new Recording(Configuration.getConfiguration("default"));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the JDK's JFR default settings", e);
        }
        // the profile settings' denser execution sampling, without the rest of what they record
        recording.enable("jdk.ExecutionSample").withPeriod(SAMPLING);
        recording.start();
    }

    /** A recording from now to {@link #close}, or none when {@code file} is empty or {@code none}. */
    static JfrProfile startIfAsked(String file) {
        return file == null || file.isBlank() || file.equals("none") ? null : new JfrProfile(Path.of(file));
    }

    /** Stops the recording, writes it and prints its summary. */
    void report(PrintStream out) {
        recording.stop();
        try {
            recording.dump(file);
            List<RecordedEvent> samples = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample")).toList();
            Map<String, Integer> self = new HashMap<>();
            Map<String, Integer> total = new HashMap<>();
            for (RecordedEvent sample : samples) {
                List<RecordedFrame> frames = sample.getStackTrace() == null ? List.of()
                        : sample.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    self.merge(name(frames.get(0)), 1, Integer::sum);
                }
                frames.stream().map(JfrProfile::name)
                        .filter(name -> name.startsWith("io.clarion.") && !name.contains("$$Lambda")
                                && !name.contains(".lambda$"))
                        .distinct()
                        .forEach(name -> total.merge(name, 1, Integer::sum));
            }
            out.printf("%n== JFR profile: %,d execution samples, written to %s ==%n", samples.size(), file);
            print(out, "top methods by self samples", self, samples.size());
            print(out, "Clarion methods by total samples (on the stack)", total, samples.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JFR recording to " + file, e);
        }
    }

    private static void print(PrintStream out, String title, Map<String, Integer> counts, int samples) {
        out.println("  " + title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP)
                .forEach(e -> out.printf("    %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    @Override
    public void close() {
        recording.close();
    }
}
