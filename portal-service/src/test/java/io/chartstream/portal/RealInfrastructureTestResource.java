package io.chartstream.portal;

import io.chartstream.testsupport.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every {@code @QuarkusTest} of this module runs against the JVM's real PostgreSQL and Kafka. */
@QuarkusTestResource(
        value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "chartstream_portal"))
public class RealInfrastructureTestResource {}
