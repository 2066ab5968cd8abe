package io.chartstream.loader.http;

import java.io.IOException;
import java.util.Optional;

/** Where the bearer token comes from; none for a server without authentication. */
public interface Tokens {

    /** A token valid for at least the next request, or empty when the server needs none. */
    Optional<String> bearer() throws IOException, InterruptedException;

    /** The server refused the token (401): the next {@link #bearer()} fetches a new one. */
    void invalidate();

    Tokens NONE = new Tokens() {
        @Override
        public Optional<String> bearer() {
            return Optional.empty();
        }

        @Override
        public void invalidate() {}
    };
}
