package io.chartstream.exchange.audit.web;

import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.infrastructure.AuditTrail;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Proves the audit trail intact, or names the first record that was changed, removed or
 * inserted: 200 {@code {"intact": true, "records", "lastSequence", "lastHash"}} or 409
 * {@code {"intact": false, "sequence", "tampering", "detail"}}. {@code ./chartstream audit-verify}
 * calls it.
 */
@Path("/admin/audit/verify")
public class AuditVerificationResource {

    private final AuditTrail trail;

    public AuditVerificationResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    @RolesAllowed({"auditor", "hie-admin"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify() throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        AuditChain.Verification verification = trail.verify();
        if (verification instanceof AuditChain.Intact intact) {
            body.put("intact", true);
            body.put("records", intact.records());
            body.put("lastSequence", intact.lastSequence());
            body.put("lastHash", intact.lastHash());
            return Response.ok(body).build();
        }
        AuditChain.Broken broken = (AuditChain.Broken) verification;
        body.put("intact", false);
        body.put("sequence", broken.sequence());
        body.put("tampering", broken.tampering().name().toLowerCase());
        body.put("detail", broken.detail());
        return Response.status(Response.Status.CONFLICT).entity(body).build();
    }
}
