package io.chartstream.system.chaos;

import io.chartstream.system.RunningExchange;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The running exchange's processes, as the launcher recorded them in {@code .chartstream/run}, and
 * the launcher itself. Heals never rebuild: the jars under test are the ones that were running
 * ({@code CHARTSTREAM_SKIP_BUILD=1}), and only the receiver's heal loads the demo again (it is what
 * starts the receiver).
 */
final class Parts {

    private Parts() {}

    static long pid(String part) throws IOException {
        Path pidFile = RunningExchange.home().resolve(".chartstream/run/" + part + ".pid");
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    /** SIGKILL, by the pid the launcher recorded; waits until the process is gone. */
    static void kill9(String part) throws Exception {
        ProcessHandle process = alive(part);
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** SIGTERM to the part's process group (the launcher starts each part in a session of its own), as {@code down} does. */
    static void stop(String part) throws Exception {
        ProcessHandle process = alive(part);
        signal("TERM", -process.pid());
        process.onExit().get(60, TimeUnit.SECONDS);
    }

    static void signal(String signal, long pid) {
        run(Duration.ofSeconds(10), Map.of(), "kill", "-" + signal, "--", Long.toString(pid));
    }

    /** {@code ./chartstream up}: starts whatever part is not running. */
    static String up(boolean withDemo) {
        return run(
                Duration.ofMinutes(15),
                withDemo
                        ? Map.of("CHARTSTREAM_SKIP_BUILD", "1")
                        : Map.of("CHARTSTREAM_SKIP_BUILD", "1", "CHARTSTREAM_SKIP_DEMO", "1"),
                "./chartstream",
                "up");
    }

    /** {@code ./chartstream restart <part>}: stops it and starts it again, ready. */
    static String restart(String part) {
        return run(Duration.ofMinutes(15), Map.of("CHARTSTREAM_SKIP_BUILD", "1"), "./chartstream", "restart", part);
    }

    private static ProcessHandle alive(String part) throws IOException {
        long pid = pid(part);
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new AssertionError(part + " (pid " + pid + ") is not running"));
    }

    private static String run(Duration timeout, Map<String, String> env, String... command) {
        Path home = RunningExchange.home();
        File log = home.resolve(".chartstream/logs/chaos-launcher.log").toFile();
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log);
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout);
            }
            String output = Files.readString(log.toPath());
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
