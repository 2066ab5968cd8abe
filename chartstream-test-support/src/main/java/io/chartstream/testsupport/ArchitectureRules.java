package io.chartstream.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one architecture every service follows, checked in each service's {@code ArchitectureTest}:
 * features at {@code <service>.<feature>.{domain,application,infrastructure,web}}; a domain of
 * plain Java (the decider shape and the contracts' markers allowed, no Quarkus, Jakarta, JAX-RS,
 * JDBC, Kafka, Jackson or HAPI types); no cycles between features; and no event type, topic or
 * header written as a string outside the contracts module.
 */
public final class ArchitectureRules {

    /** What a domain may not touch (the JDK's own APIs, such as javax.crypto, are fine). */
    public static final String[] FRAMEWORKS = {
        "io.quarkus..",
        "jakarta..",
        "javax.sql..",
        "javax.ws..",
        "javax.inject..",
        "java.sql..",
        "org.apache.kafka..",
        "io.vertx..",
        "java.net.http..",
        "com.fasterxml..",
        "ca.uhn..",
        "org.hl7..",
        "org.eclipse..",
        "io.smallrye..",
        "org.jboss..",
        "io.chartstream.fhir..",
        "io.chartstream.eventsourcing.store..",
        "io.chartstream.eventsourcing.outbox..",
        "io.chartstream.eventsourcing.projection..",
        "io.chartstream.eventsourcing.cloudevents..",
        "io.chartstream.eventsourcing.codec..",
        "io.chartstream.eventsourcing.runtime..",
        "io.chartstream.eventsourcing.admin.."
    };

    private static final List<Pattern> CONTRACT_LITERALS = List.of(
            Pattern.compile("\"io\\.chartstream\\.(patient|clinical|exchange|portal)\\.[A-Z][A-Za-z]+\\.v[0-9]+\""),
            Pattern.compile("\"chartstream\\.(patient|clinical|exchange|portal)\\.events\""),
            Pattern.compile("\"chartstream\\.(org|dlq)\\.[^\"]*\""),
            Pattern.compile("\"ce_[a-z]+\""),
            Pattern.compile("\"dead-letter-[a-z]+\""));

    private ArchitectureRules() {}

    public static JavaClasses mainClasses(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** Every domain package is plain Java and depends on no outer layer. */
    public static void domainIsFrameworkFree(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORKS)
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..application..", "..infrastructure..", "..web..")
                .check(classes);
    }

    /** Features of {@code basePackage} (its direct sub-packages) do not depend on each other in a cycle. */
    public static void noCyclesBetweenFeatures(JavaClasses classes, String basePackage) {
        SlicesRuleDefinition.slices()
                .matching(basePackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    /** Every class sits in a feature's domain, application, infrastructure or web package (or {@code allowed}). */
    public static void featuresAreLayered(JavaClasses classes, String basePackage, String... allowed) {
        List<String> strays = new ArrayList<>();
        Pattern layered = Pattern.compile(
                Pattern.quote(basePackage) + "\\.[a-z][a-z0-9]*\\.(domain|application|infrastructure|web)(\\..*)?");
        classes.forEach(c -> {
            String pkg = c.getPackageName();
            boolean ok = pkg.equals(basePackage)
                    || layered.matcher(pkg).matches()
                    || Stream.of(allowed).anyMatch(a -> pkg.equals(a) || pkg.startsWith(a + "."));
            if (!ok && !c.getSimpleName().isEmpty()) {
                strays.add(c.getName());
            }
        });
        assertTrue(strays.isEmpty(), "classes outside <feature>/{domain,application,infrastructure,web}: " + strays);
    }

    /** No event type name, topic or header is spelled as a string in {@code moduleDir}'s sources. */
    public static void noContractLiterals(Path moduleDir) {
        List<String> found = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java")) {
            Path dir = moduleDir.resolve(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> scan(f, found));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertTrue(
                found.isEmpty(),
                "use the constants of chartstream-contracts instead of: " + String.join("\n  ", found));
    }

    private static void scan(Path file, List<String> found) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                for (Pattern p : CONTRACT_LITERALS) {
                    Matcher m = p.matcher(lines.get(i));
                    while (m.find()) {
                        found.add(file.getFileName() + ":" + (i + 1) + " " + m.group());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
