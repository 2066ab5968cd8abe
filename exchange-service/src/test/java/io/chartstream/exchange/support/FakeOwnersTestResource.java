package io.chartstream.exchange.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Every {@code @QuarkusTest} of this module forwards writes to {@link FakeOwners}. */
@QuarkusTestResource(FakeOwners.class)
public class FakeOwnersTestResource {}
