package io.kasa.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the server spent its CPU in a window of a flight recording: the methods most often on
 * top of the stack in {@code jdk.ExecutionSample} events (what the CPU was executing), the Kasa
 * methods most often nearest the top (which of Kasa's code paths led there), and the window's
 * garbage-collection pauses ({@code jdk.GarbageCollection}).
 *
 * @param samples  execution samples in the window
 * @param top      the hottest methods, with their sample counts
 * @param kasa     the Kasa methods nearest the top of the sampled stacks, with their counts
 * @param gcCount  collections in the window
 * @param gcPauseMillis their pauses added up
 * @param gcLongestPauseMillis the longest pause
 */
record HotMethods(long samples, List<Hot> top, List<Hot> kasa, long gcCount, double gcPauseMillis,
                  double gcLongestPauseMillis) {

    /** A method and how many samples had it there. */
    record Hot(String method, long samples) {
    }

    /** A named window of the recording. */
    record Window(String name, Instant from, Instant to) {

        boolean contains(Instant instant) {
            return !instant.isBefore(from) && !instant.isAfter(to);
        }
    }

    static final String KASA = "io.kasa.";

    /** Reads the recording once and sums it up per window; windows the recording does not cover come out empty. */
    static Map<String, HotMethods> of(Path recording, List<Window> windows, int limit) throws IOException {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        windows.forEach(window -> tallies.put(window.name(), new Tally()));
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                boolean sample = type.equals("jdk.ExecutionSample");
                boolean gc = type.equals("jdk.GarbageCollection");
                if (!sample && !gc) {
                    continue;
                }
                for (Window window : windows) {
                    if (window.contains(event.getStartTime())) {
                        Tally tally = tallies.get(window.name());
                        if (sample) {
                            tally.sample(event.getStackTrace());
                        } else {
                            tally.collection(event);
                        }
                    }
                }
            }
        }
        Map<String, HotMethods> result = new LinkedHashMap<>();
        tallies.forEach((name, tally) -> result.put(name, tally.summary(limit)));
        return result;
    }

    /** The profile as text, one method a line with its share of the samples. */
    String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "  %d execution samples; %d collections, pauses %.1f ms in all, longest %.1f ms%n",
                samples, gcCount, gcPauseMillis, gcLongestPauseMillis));
        text.append("  hottest methods (top of stack):\n");
        top.forEach(hot -> text.append(line(hot)));
        text.append("  Kasa code nearest the top:\n");
        kasa.forEach(hot -> text.append(line(hot)));
        return text.toString();
    }

    private String line(Hot hot) {
        return String.format(Locale.ROOT, "    %5.1f%%  %s%n", samples == 0 ? 0 : 100.0 * hot.samples() / samples, hot.method());
    }

    private static final class Tally {
        long samples;
        final Map<String, Long> top = new HashMap<>();
        final Map<String, Long> kasa = new HashMap<>();
        long collections;
        Duration pauses = Duration.ZERO;
        Duration longest = Duration.ZERO;

        void sample(RecordedStackTrace stack) {
            if (stack == null || stack.getFrames().isEmpty()) {
                return;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            top.merge(name(frames.getFirst()), 1L, Long::sum);
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (name.startsWith(KASA)) {
                    kasa.merge(name, 1L, Long::sum);
                    break;
                }
            }
        }

        void collection(RecordedEvent event) {
            collections++;
            Duration sum = event.getDuration("sumOfPauses");
            Duration longestPause = event.getDuration("longestPause");
            pauses = pauses.plus(sum);
            if (longestPause.compareTo(longest) > 0) {
                longest = longestPause;
            }
        }

        HotMethods summary(int limit) {
            return new HotMethods(samples, ranked(top, limit), ranked(kasa, limit), collections,
                    pauses.toNanos() / 1e6, longest.toNanos() / 1e6);
        }

        private static List<Hot> ranked(Map<String, Long> counts, int limit) {
            return counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(limit)
                    .map(entry -> new Hot(entry.getKey(), entry.getValue()))
                    .toList();
        }

        private static String name(RecordedFrame frame) {
            return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        }
    }
}
