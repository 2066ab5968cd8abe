package io.chartstream.loader.progress;

import io.chartstream.loader.progress.Tally.Counts;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Redraws the progress line on stderr twice a second, in place on a terminal; into a log (not a
 * terminal) it writes a new line every 10 seconds instead.
 */
public final class ProgressPrinter implements AutoCloseable {

    private static final long WINDOW = TimeUnit.SECONDS.toNanos(10);

    private final Tally tally;
    private final PrintStream out;
    private final boolean terminal;
    private final RateWindow rate = new RateWindow(WINDOW);
    private final Thread thread;
    private volatile boolean running = true;

    public ProgressPrinter(Tally tally, PrintStream out, boolean terminal) {
        this.tally = tally;
        this.out = out;
        this.terminal = terminal;
        this.thread = Thread.ofPlatform().daemon().name("progress").unstarted(this::run);
    }

    public ProgressPrinter start() {
        thread.start();
        return this;
    }

    private void run() {
        long lastLine = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            String line = line();
            if (terminal) {
                out.print("\r" + line + "\033[K");
                out.flush();
            } else if (System.nanoTime() - lastLine >= WINDOW) {
                out.println(line);
                lastLine = System.nanoTime();
            }
        }
    }

    private synchronized String line() {
        Counts counts = tally.counts();
        rate.add(System.nanoTime(), counts.loaded(), counts.entriesDone());
        return ProgressLine.format(counts, rate.loadedPerSecond(), ProgressLine.eta(counts, rate.donePerSecond()));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        out.print((terminal ? "\r" : "") + line() + (terminal ? "\033[K" : "") + System.lineSeparator());
        out.flush();
    }
}
