package io.chartstream.contracts;

import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.contracts.portal.PortalContracts;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every published event contract of the exchange, in the order docs/events.md lists them. */
public final class Contracts {

    public static final List<Contract<?>> ALL = Stream.of(
                    PatientContracts.ALL, ClinicalContracts.ALL, ExchangeContracts.ALL, PortalContracts.ALL)
            .flatMap(List::stream)
            .toList();

    private Contracts() {}

    public static Optional<Contract<?>> find(String typeName) {
        return ALL.stream().filter(c -> c.is(typeName)).findFirst();
    }

    /** The contracts of one service, e.g. {@code "clinical"}. */
    public static List<Contract<?>> of(String service) {
        return ALL.stream().filter(c -> c.type().service().equals(service)).toList();
    }

    /** The example payload approved for a contract, as published (classpath resource). */
    public static String approvedResource(Contract<?> contract) {
        return "/io/chartstream/contracts/approved/" + contract.typeName() + ".json";
    }
}
