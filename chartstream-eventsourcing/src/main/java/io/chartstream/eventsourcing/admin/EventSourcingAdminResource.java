package io.chartstream.eventsourcing.admin;

import io.chartstream.eventsourcing.outbox.OutboxRelay;
import io.chartstream.eventsourcing.outbox.ParkedRows;
import io.chartstream.eventsourcing.projection.ProjectionRunner;
import io.chartstream.eventsourcing.projection.RebuildProgress;
import io.chartstream.eventsourcing.projection.Redrive;
import io.chartstream.eventsourcing.runtime.EventSourcingRuntime;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Operator endpoints of every service: outbox state, projections, rebuild and redrive. */
@Path("/admin")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class EventSourcingAdminResource {

    private final EventSourcingRuntime runtime;
    private final Event<AdminAction> actions;
    private final SecurityIdentity identity;

    public EventSourcingAdminResource(
            EventSourcingRuntime runtime, Event<AdminAction> actions, SecurityIdentity identity) {
        this.runtime = runtime;
        this.actions = actions;
        this.identity = identity;
    }

    public record OutboxState(boolean leader, long published, long pending, long parked, long lastPublishedPosition) {}

    public record ProjectionState(
            String name,
            String schema,
            List<String> topics,
            long lag,
            long applied,
            long deadLettered,
            long lastAppliedPosition,
            RebuildProgress rebuild) {}

    @GET
    @Path("/outbox")
    @RolesAllowed({"hie-admin", "auditor"})
    public Response outbox() {
        return runtime.relay()
                .map(r -> Response.ok(new OutboxState(
                        r.isLeader(),
                        r.publishedCount(),
                        r.pending(),
                        r.parked().count(),
                        r.lastPublishedPosition())))
                .orElse(Response.ok(Map.of("enabled", false)))
                .build();
    }

    @GET
    @Path("/outbox/parked")
    @RolesAllowed({"hie-admin", "auditor"})
    public List<ParkedRows.Parked> parked() throws SQLException {
        return relay().parked().list();
    }

    /** Puts a parked event back into the outbox once its cause is fixed (a larger message size). */
    @POST
    @Path("/outbox/parked/{position}/redrive")
    @RolesAllowed("hie-admin")
    public Response redriveParked(@PathParam("position") long position) throws SQLException {
        announce("outbox-redrive", Long.toString(position));
        if (!relay().parked().redrive(position)) {
            throw new NotFoundException("no parked outbox row at position " + position);
        }
        return Response.accepted(Map.of("redriven", position)).build();
    }

    private OutboxRelay relay() {
        return runtime.relay().orElseThrow(() -> new NotFoundException("this service runs no outbox relay"));
    }

    @GET
    @Path("/projections")
    @RolesAllowed({"hie-admin", "auditor"})
    public List<ProjectionState> projections() {
        return runtime.runners().stream().map(this::state).toList();
    }

    @POST
    @Path("/projections/{name}/rebuild")
    @RolesAllowed("hie-admin")
    public Response rebuild(@PathParam("name") String name) {
        requireProjection(name);
        announce("rebuild", name);
        return Response.accepted(runtime.rebuild(name)).build();
    }

    @GET
    @Path("/projections/{name}/rebuild")
    @RolesAllowed({"hie-admin", "auditor"})
    public RebuildProgress rebuildProgress(@PathParam("name") String name) {
        requireProjection(name);
        return runtime.rebuildProgress(name).orElseThrow(() -> new NotFoundException("no rebuild of " + name + " yet"));
    }

    @POST
    @Path("/projections/{name}/redrive")
    @RolesAllowed("hie-admin")
    public Redrive.Result redrive(@PathParam("name") String name) throws Exception {
        requireProjection(name);
        announce("redrive", name);
        return runtime.redrive(name);
    }

    private void announce(String action, String projection) {
        actions.fire(new AdminAction(action, projection, identity.getPrincipal().getName(), Instant.now()));
    }

    private void requireProjection(String name) {
        if (runtime.runner(name).isEmpty()) {
            throw new NotFoundException("no projection named " + name);
        }
    }

    private ProjectionState state(ProjectionRunner r) {
        return new ProjectionState(
                r.projection().name(),
                r.projection().schema(),
                r.projection().topics(),
                r.lag(),
                r.appliedCount(),
                r.deadLetteredCount(),
                r.lastAppliedPosition(),
                runtime.rebuildProgress(r.projection().name()).orElse(null));
    }
}
