package io.chartstream.system.bench.mpi;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.util.Terser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A folder written by an HL7 v2 test-message generator: {@code organizations.tsv} (facility code,
 * OID, application, name, city), {@code identities.tsv} (the ground truth: patient key, facility,
 * OID, MRN, ...), {@code manifest.tsv} (each message file in sending order with its type, facility,
 * patient key and MRN) and {@code valid/*.hl7}. Registrations are the identities' rows plus the
 * same-facility duplicates, which only the manifest names (an ADT^A04 under an MRN the identities
 * do not list); each one's demographics are read from its first message with HAPI HL7 v2.
 */
record Hl7MpiInput(
        Path dir, List<Organization> organizations, List<Message> messages, List<Registration> registrations) {

    record Organization(String code, String oid, String name) {

        /** The directory id: the facility code in lower case, {@code -feed} appended. */
        String id() {
            return code.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + "-feed";
        }
    }

    record Message(Path file, String type, String facility, String key, String mrn) {}

    static Hl7MpiInput read(Path dir, HapiContext hapi) throws IOException, HL7Exception {
        List<Organization> organizations = new ArrayList<>();
        for (String[] row : rows(dir.resolve("organizations.tsv"))) {
            organizations.add(new Organization(row[0], row[1], row[3]));
        }
        Map<String, String> oidOf = new LinkedHashMap<>();
        organizations.forEach(o -> oidOf.put(o.code(), o.oid()));
        List<Message> messages = new ArrayList<>();
        for (String[] row : rows(dir.resolve("manifest.tsv"))) {
            if (row[0].startsWith("valid/")) {
                messages.add(new Message(dir.resolve(row[0]), row[1], row[3], row[4], row[5]));
            }
        }
        Set<String> listed = new HashSet<>();
        List<String[]> identities = rows(dir.resolve("identities.tsv"));
        identities.forEach(row -> listed.add(row[1] + "|" + row[3]));
        Map<String, Message> firstMessage = new LinkedHashMap<>();
        messages.forEach(m -> firstMessage.putIfAbsent(m.facility() + "|" + m.mrn(), m));
        List<Registration> registrations = new ArrayList<>();
        for (String[] row : identities) {
            Message first = firstMessage.get(row[1] + "|" + row[3]);
            if (first == null) {
                throw new IllegalArgumentException(
                        "identities.tsv names " + row[1] + " " + row[3] + ", no message does");
            }
            registrations.add(registration(hapi, first, row[2], false));
        }
        for (Message m : firstMessage.values()) {
            if (!listed.contains(m.facility() + "|" + m.mrn())) {
                registrations.add(registration(hapi, m, oidOf.get(m.facility()), true));
            }
        }
        return new Hl7MpiInput(dir, organizations, messages, registrations);
    }

    /** The registration as its first message states it (PID-5 family and given name, PID-7, PID-19). */
    private static Registration registration(HapiContext hapi, Message first, String oid, boolean duplicate)
            throws IOException, HL7Exception {
        Terser pid = new Terser(hapi.getPipeParser().parse(text(first.file())));
        String pidPath = first.type().startsWith("ORU") ? "/.PID" : "/PID";
        return new Registration(
                first.key(),
                first.facility(),
                oid,
                first.mrn(),
                duplicate,
                pid.get(pidPath + "-5-1"),
                pid.get(pidPath + "-5-2"),
                pid.get(pidPath + "-7-1"),
                pid.get(pidPath + "-19"));
    }

    static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static List<String[]> rows(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        return lines.stream()
                .skip(1)
                .filter(l -> !l.isBlank())
                .map(l -> l.split("\t", -1))
                .toList();
    }
}
