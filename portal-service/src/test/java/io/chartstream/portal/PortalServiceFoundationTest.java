package io.chartstream.portal;

import io.chartstream.testsupport.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PortalServiceFoundationTest extends ServiceFoundationContract {}
