package io.chartstream.exchange.directory.infrastructure;

import java.util.List;

/**
 * A search of one directory type. Each identifier token must match (AND): {@code system} null
 * means any system, {@code value} null any value. {@code namePrefix} (lower case) matches the
 * start of any of the resource's names or name parts.
 */
public record DirectoryCriteria(String resourceType, List<Token> identifiers, String namePrefix) {

    public record Token(String system, String value) {}

    public DirectoryCriteria {
        identifiers = List.copyOf(identifiers);
    }

    public static DirectoryCriteria identifier(String resourceType, String system, String value) {
        return new DirectoryCriteria(resourceType, List.of(new Token(system, value)), null);
    }
}
