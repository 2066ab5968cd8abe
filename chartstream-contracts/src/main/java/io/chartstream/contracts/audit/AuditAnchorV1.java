package io.chartstream.contracts.audit;

import io.chartstream.contracts.ContractViolation;

/**
 * An anchor of the audit chain on {@code chartstream.audit.anchors}: the exchange's head when it
 * was published ({@code sequence}, its {@code hash}, 64 hex characters) and when ({@code at},
 * ISO-8601). An auditor keeps these outside the exchange's database.
 */
public record AuditAnchorV1(long sequence, String hash, String at) {

    public AuditAnchorV1 {
        ContractViolation.required(hash, "hash");
        ContractViolation.required(at, "at");
    }
}
