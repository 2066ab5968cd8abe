package io.chartstream.contracts;

/** An event's data does not satisfy its contract: a consumer dead-letters it with this message. */
public class ContractViolation extends IllegalArgumentException {

    public ContractViolation(String message) {
        super(message);
    }

    public ContractViolation(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code value}, or a violation naming the missing {@code field}: the one rule every payload applies. */
    public static <T> T required(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new ContractViolation("the event data has no " + field);
        }
        return value;
    }
}
