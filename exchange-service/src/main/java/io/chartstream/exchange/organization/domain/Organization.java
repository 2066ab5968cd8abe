package io.chartstream.exchange.organization.domain;

/** An organization as the directory knows it; {@link #none(String)} before it is registered. */
public record Organization(String id, String name, String webhookUrl, long version) {

    public static Organization none(String id) {
        return new Organization(id, null, null, 0);
    }

    public boolean registered() {
        return version > 0;
    }
}
