package io.chartstream.exchange;

import io.chartstream.testsupport.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ExchangeServiceFoundationTest extends ServiceFoundationContract {}
