package io.chartstream.system.chaos;

import io.chartstream.system.RunningExchange;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo hospital's webhook receiver journals every notification it acknowledged, one line
 * each, before it answers 200 ({@code deploy/demo/WebhookReceiver.java}). Read from the file, so
 * it can be read while the receiver is down.
 */
final class WebhookJournal {

    private static final Pattern EVENT_NUMBER = Pattern.compile("\"name\":\"event-number\",\"valueString\":\"(\\d+)\"");
    private static final Pattern FOCUS =
            Pattern.compile("\"name\":\"focus\",\"valueReference\":\\{\"reference\":\"([A-Za-z]+/[0-9a-f-]{36})\"");

    /** One notification as it arrived: its event number in the organization's feed and the resource it is about. */
    record Notification(long eventNumber, String focus, boolean validSignature) {}

    private static Path file() {
        return RunningExchange.home().resolve(".chartstream/logs/webhook-received.txt");
    }

    /** Where the journal ends now: notifications from here on are the ones a fault's load caused. */
    static long end() throws IOException {
        return Files.exists(file()) ? Files.size(file()) : 0;
    }

    /** Every notification journaled after {@code offset}, in arrival order (whole lines only). */
    static List<Notification> since(long offset) throws IOException {
        List<Notification> arrived = new ArrayList<>();
        if (!Files.exists(file())) {
            return arrived;
        }
        byte[] bytes;
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "r")) {
            bytes = new byte[(int) Math.max(0, f.length() - offset)];
            f.seek(offset);
            f.readFully(bytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n');
        for (String line : text.substring(0, complete + 1).split("\n")) {
            Matcher number = EVENT_NUMBER.matcher(line);
            if (number.find()) {
                Matcher focus = FOCUS.matcher(line);
                arrived.add(new Notification(
                        Long.parseLong(number.group(1)),
                        focus.find() ? focus.group(1) : "",
                        line.contains(" VALID signature")));
            }
        }
        return arrived;
    }
}
