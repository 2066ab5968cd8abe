package io.chartstream.patient.registration.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * An enterprise person as folded from its stream: the Patient of its first registration and
 * every (organization, identifier) link, in the order they were made. {@link #NONE} is the
 * state before the first event.
 */
public record Person(UUID personId, long version, PatientDocument firstRegistration, List<Link> links) {

    public static final Person NONE = new Person(null, 0, null, List.of());

    /** An organization registered the person under an identifier. */
    public record Link(String organization, Identifier identifier) {}

    public Person {
        links = List.copyOf(links);
    }

    public boolean exists() {
        return personId != null;
    }

    public boolean hasLink(String organization, Identifier identifier) {
        return links.contains(new Link(organization, identifier));
    }

    public boolean isLinkedBy(String organization) {
        return links.stream().anyMatch(l -> l.organization().equals(organization));
    }

    /** Every identifier pointing at the person, each once, first-linked first. */
    public List<Identifier> identifiers() {
        LinkedHashSet<Identifier> ids = new LinkedHashSet<>();
        links.forEach(l -> ids.add(l.identifier()));
        return List.copyOf(ids);
    }

    Person withVersion(long newVersion) {
        return new Person(personId, newVersion, firstRegistration, links);
    }

    Person withLink(Link link) {
        List<Link> more = new ArrayList<>(links);
        more.add(link);
        return new Person(personId, version + 1, firstRegistration, more);
    }
}
