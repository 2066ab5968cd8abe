package io.chartstream.loader;

import java.io.IOException;
import java.util.List;

/** {@code java -jar chartstream-loader.jar FOLDER [options]}; exit 0 all loaded, 1 refusals, 2 could not start. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0
                || List.of(args).contains("--help")
                || List.of(args).contains("-h")) {
            System.out.print(LoaderOptions.USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        LoaderOptions options;
        try {
            options = LoaderOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(LoaderOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            System.exit(new Loader(options, System.out, System.err).run());
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }
}
