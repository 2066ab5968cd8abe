package io.chartstream.patient;

import io.chartstream.testsupport.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PatientServiceFoundationTest extends ServiceFoundationContract {}
