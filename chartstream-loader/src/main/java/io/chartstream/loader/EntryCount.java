package io.chartstream.loader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How many entries a bundle file holds, counted by streaming through it without building the
 * resources (a second or so for 85 MB), so the progress bar knows the total before the first file
 * is parsed. A file that is not a bundle counts 0 here and is reported when it is loaded.
 */
final class EntryCount {

    private static final JsonFactory JSON = new JsonFactory();

    private EntryCount() {}

    static long of(Path file) {
        try (JsonParser json = JSON.createParser(file.toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if ("entry".equals(field) && value == JsonToken.START_ARRAY) {
                    long n = 0;
                    while (json.nextToken() != JsonToken.END_ARRAY) {
                        json.skipChildren();
                        n++;
                    }
                    return n;
                }
                json.skipChildren();
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
