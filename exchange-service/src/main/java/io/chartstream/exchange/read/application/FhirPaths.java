package io.chartstream.exchange.read.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Resource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** HAPI's FHIRPath engine, made once (it loads the R4 definitions), with each search path parsed once. */
@ApplicationScoped
public class FhirPaths {

    private final FhirContext fhir;
    private final Map<String, IFhirPath.IParsedExpression> parsed = new ConcurrentHashMap<>();
    private volatile IFhirPath engine;

    public FhirPaths(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** The elements of {@code resource} that {@code path} selects. */
    public List<Base> evaluate(Resource resource, String path) {
        IFhirPath fhirPath = engine();
        return fhirPath.evaluate(resource, parsed.computeIfAbsent(path, p -> parse(fhirPath, p)), Base.class);
    }

    private IFhirPath engine() {
        IFhirPath e = engine;
        if (e == null) {
            synchronized (this) {
                if (engine == null) {
                    engine = fhir.newFhirPath();
                }
                e = engine;
            }
        }
        return e;
    }

    private static IFhirPath.IParsedExpression parse(IFhirPath fhirPath, String path) {
        try {
            return fhirPath.parse(path);
        } catch (Exception e) {
            throw new IllegalStateException("R4 search path does not parse: " + path, e);
        }
    }
}
