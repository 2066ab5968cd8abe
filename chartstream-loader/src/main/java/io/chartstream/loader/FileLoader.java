package io.chartstream.loader;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.chartstream.loader.bundle.BundlePreparation;
import io.chartstream.loader.bundle.BundlePreparation.Prepared;
import io.chartstream.loader.bundle.Chunk;
import io.chartstream.loader.bundle.ChunkLimits;
import io.chartstream.loader.bundle.ChunkedBundle;
import io.chartstream.loader.bundle.PreparedEntry;
import io.chartstream.loader.bundle.ServedTypes;
import io.chartstream.loader.http.Answer;
import io.chartstream.loader.http.Answer.Accepted;
import io.chartstream.loader.http.Answer.Refused;
import io.chartstream.loader.http.FhirServer;
import io.chartstream.loader.http.IdempotencyKey;
import io.chartstream.loader.http.Outcomes;
import io.chartstream.loader.progress.Tally;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryResponseComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads one file: parse, leave out what the server does not serve, send chunk after chunk. A
 * transaction's refused chunk ends the file (its later chunks would refer to entries that were
 * never written); a batch's entries stand alone, so its later chunks are still sent.
 */
final class FileLoader {

    private final FhirContext fhir;
    private final FhirServer server;
    private final ServedTypes served;
    private final ChunkLimits limits;
    private final Tally tally;
    private final BundlePreparation preparation;

    FileLoader(FhirContext fhir, FhirServer server, ServedTypes served, ChunkLimits limits, Tally tally) {
        this.fhir = fhir;
        this.server = server;
        this.served = served;
        this.limits = limits;
        this.tally = tally;
        this.preparation = new BundlePreparation(fhir.newTerser());
    }

    /** What one patient file put into the server: its Patient and the entries by type (for --verify). */
    public record Loaded(String file, String patient, Map<String, Integer> byType) {}

    /** One file's progress: where its Patient went and what was loaded, by type. */
    private static final class Written {
        String patient;
        final Map<String, Integer> byType = new TreeMap<>();
    }

    private final List<Loaded> loaded = new java.util.concurrent.CopyOnWriteArrayList<>();

    List<Loaded> loaded() {
        return loaded;
    }

    void load(Path file, long entriesCounted) throws InterruptedException {
        String name = file.getFileName().toString();
        Bundle bundle;
        try (Reader reader = Files.newBufferedReader(file)) {
            bundle = fhir.newJsonParser().parseResource(Bundle.class, reader);
        } catch (IOException | DataFormatException e) {
            String reason = "not a readable FHIR bundle: " + e.getMessage();
            tally.refused("(unread)", reason, entriesCounted);
            tally.fileDone(name, reason);
            return;
        }
        BundleType type = bundle.getType();
        if (type != BundleType.TRANSACTION && type != BundleType.BATCH) {
            String reason = "bundle type " + (type == null ? "missing" : type.toCode()) + ", not transaction or batch";
            bundle.getEntry().forEach(e -> tally.refused(typeOf(e), reason, 1));
            tally.fileDone(name, reason);
            return;
        }
        Prepared prepared = preparation.prepare(bundle, served);
        prepared.leftOutByType().forEach(tally::leftOut);
        tally.referencesCut(prepared.referencesCut());
        tally.provenancesSplit(prepared.provenancesSplit());
        ChunkedBundle chunks = new ChunkedBundle(type, prepared.entries(), limits, fhir.newJsonParser());
        Written written = new Written();
        String refusal = send(name, type, chunks, written);
        tally.fileDone(name, refusal);
        if (refusal == null && type == BundleType.TRANSACTION && written.patient != null) {
            loaded.add(new Loaded(name, written.patient, Map.copyOf(written.byType)));
        }
    }

    /** Sends every chunk; the first refusal's reason, or null when none. */
    private String send(String name, BundleType type, ChunkedBundle chunks, Written written)
            throws InterruptedException {
        String firstRefusal = null;
        while (chunks.hasNext()) {
            Chunk chunk = chunks.next();
            Answer answer = server.post(chunk.body(), IdempotencyKey.of(name, chunk.index(), chunk.body()));
            String refusal = switch (answer) {
                case Accepted accepted -> accepted(type, chunks, chunk, accepted, written);
                case Refused refused -> {
                    count(chunk.entries(), refused.reason());
                    yield refused.reason();
                }
            };
            if (refusal != null && firstRefusal == null) {
                firstRefusal = "chunk " + chunk.index() + ": " + refusal;
            }
            if (refusal != null && type == BundleType.TRANSACTION) {
                count(chunks.remaining(), "not sent: an earlier chunk of its file was refused");
                break;
            }
        }
        return firstRefusal;
    }

    private String accepted(BundleType type, ChunkedBundle chunks, Chunk chunk, Accepted accepted, Written written) {
        Bundle response;
        try {
            response = Outcomes.lenientParser(fhir).parseResource(Bundle.class, accepted.body());
        } catch (DataFormatException e) {
            String reason = "HTTP " + accepted.status() + " without a readable response bundle: " + e.getMessage();
            count(chunk.entries(), reason);
            return reason;
        }
        if (type == BundleType.TRANSACTION) {
            chunks.accepted(chunk, response);
            chunk.entries().forEach(e -> tally.loaded(e.type(), 1));
            List<BundleEntryComponent> answered = response.getEntry();
            for (int i = 0; i < chunk.size() && i < answered.size(); i++) {
                String entryType = chunk.entries().get(i).type();
                String location = answered.get(i).getResponse().getLocation();
                written.byType.merge(entryType, 1, Integer::sum);
                if ("Patient".equals(entryType) && location != null) {
                    written.patient = location.replaceAll("/_history/.*$", "");
                }
            }
            return null;
        }
        String firstRefusal = null;
        List<BundleEntryComponent> answers = response.getEntry();
        for (int i = 0; i < chunk.size(); i++) {
            PreparedEntry entry = chunk.entries().get(i);
            BundleEntryResponseComponent answer =
                    i < answers.size() ? answers.get(i).getResponse() : null;
            String status = answer == null ? "" : answer.getStatus();
            if (status != null && status.startsWith("2")) {
                tally.loaded(entry.type(), 1);
            } else {
                String reason = "HTTP " + status + outcome(answer);
                tally.refused(entry.type(), reason, 1);
                firstRefusal = firstRefusal == null ? reason : firstRefusal;
            }
        }
        return firstRefusal;
    }

    private static String outcome(BundleEntryResponseComponent answer) {
        if (answer != null && answer.getOutcome() instanceof OperationOutcome outcome) {
            String issue = Outcomes.firstIssue(outcome);
            return issue.isEmpty() ? "" : ": " + issue;
        }
        return "";
    }

    private void count(List<PreparedEntry> entries, String reason) {
        entries.forEach(e -> tally.refused(e.type(), reason, 1));
    }

    private static String typeOf(BundleEntryComponent entry) {
        return entry.getResource() == null ? "(empty)" : entry.getResource().fhirType();
    }
}
