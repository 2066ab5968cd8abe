package io.chartstream.exchange.hl7feed.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.AbstractGroup;
import ca.uhn.hl7v2.model.AbstractMessage;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.primitive.TSComponentOne;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.CWE;
import ca.uhn.hl7v2.model.v251.datatype.NM;
import ca.uhn.hl7v2.model.v251.datatype.ST;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A03;
import ca.uhn.hl7v2.model.v251.message.ADT_A05;
import ca.uhn.hl7v2.model.v251.message.ADT_A09;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.EVN;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.chartstream.exchange.hl7feed.domain.AdtTrigger;
import io.chartstream.exchange.subscription.domain.FeedItem;
import io.chartstream.exchange.subscription.domain.Unsendable;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

import java.util.GregorianCalendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * An organization's feed event as the HL7 v2.5.1 message its receiver gets: an Observation as
 * ORU^R01 (one OBR naming it, one OBX with its value, units, reference range, flags and status), an
 * Encounter as the ADT event {@link AdtTrigger} names (EVN, PID, PV1). Every other change (other
 * resource types, removals) is not sent over HL7 v2; it stays on the FHIR feed and webhook.
 *
 * <p>PID is the organization's view of the person: every identifier that view shows (CX-4 naming
 * the system as a universal id of type URI, or ISO for an OID) and the exchange's own person id
 * ({@value #ENTERPRISE_AUTHORITY}, type PI). MSH-10 is the feed's event number, so a resend after
 * a failed attempt carries the same control id, and MSH-7 is when the change was recorded.
 */
public final class Hl7FeedMessages {

    /** MSH-3/MSH-4 of every message, and the assigning authority of the exchange's person id. */
    public static final String ENTERPRISE_AUTHORITY = "CHARTSTREAM";

    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private static final String OID_PREFIX = "urn:oid:";

    private final HapiContext hl7;
    private final FhirContext fhir;

    public Hl7FeedMessages(FhirContext fhir) {
        this.fhir = fhir;
        this.hl7 = new DefaultHapiContext();
        this.hl7.setValidationContext(ValidationContextFactory.noValidation());
        // MSH-10 is the feed's own number; HAPI's default generator would keep a counter file
        this.hl7.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
    }

    /** Whether a feed event becomes an HL7 v2 message at all (before anything is looked up for it). */
    public static boolean carries(FeedItem item) {
        String reference = item.reference();
        return !"removed".equals(item.change())
                && reference != null
                && (reference.startsWith("Observation/") || reference.startsWith("Encounter/"));
    }

    /**
     * The message for {@code item} (ER7), or empty when the event is not sent over HL7 v2.
     *
     * @throws Unsendable when its content cannot be written as HL7 v2
     */
    public Optional<String> message(String organization, FeedItem item, Patient patient) {
        if (!carries(item)) {
            return Optional.empty();
        }
        try {
            Resource resource = (Resource) fhir.newJsonParser().parseResource(item.resourceJson());
            return switch (resource) {
                case Observation o -> Optional.of(oru(organization, item, patient, o));
                case Encounter e -> adt(organization, item, patient, e);
                default -> Optional.empty();
            };
        } catch (HL7Exception | java.io.IOException | RuntimeException e) {
            throw new Unsendable(
                    "feed event " + item.eventNumber() + " (" + item.reference() + ") cannot be written as HL7 v2: "
                            + e,
                    e);
        }
    }

    private String oru(String organization, FeedItem item, Patient patient, Observation observation)
            throws HL7Exception, java.io.IOException {
        ORU_R01 oru = hl7.newMessage(ORU_R01.class);
        oru.initQuickstart("ORU", "R01", "P");
        header(oru.getMSH(), organization, item);
        var result = oru.getPATIENT_RESULT();
        patient(result.getPATIENT().getPID(), item, patient);
        var order = result.getORDER_OBSERVATION();
        OBR obr = order.getOBR();
        obr.getSetIDOBR().setValue("1");
        obr.getFillerOrderNumber().getEntityIdentifier().setValue(observation.getIdPart());
        obr.getFillerOrderNumber().getNamespaceID().setValue(ENTERPRISE_AUTHORITY);
        code(obr.getUniversalServiceIdentifier(), observation.getCode());
        if (observation.hasEffectiveDateTimeType()) {
            time(obr.getObservationDateTime().getTime(), observation.getEffectiveDateTimeType());
        }
        obr.getResultStatus().setValue(resultStatus(observation.getStatus()));
        OBX obx = order.getOBSERVATION().getOBX();
        obx.getSetIDOBX().setValue("1");
        code(obx.getObservationIdentifier(), observation.getCode());
        value(oru, obx, observation);
        for (CodeableConcept interpretation : observation.getInterpretation()) {
            for (Coding coding : interpretation.getCoding()) {
                if (INTERPRETATION.equals(coding.getSystem()) && coding.hasCode()) {
                    obx.getAbnormalFlags(obx.getAbnormalFlagsReps()).setValue(coding.getCode());
                }
            }
        }
        if (observation.hasReferenceRange()) {
            var range = observation.getReferenceRangeFirstRep();
            String low = range.getLow().hasValue() ? range.getLow().getValue().toPlainString() : "";
            String high =
                    range.getHigh().hasValue() ? range.getHigh().getValue().toPlainString() : "";
            obx.getReferencesRange().setValue(range.hasText() ? range.getText() : low + "-" + high);
        }
        obx.getObservationResultStatus().setValue(resultStatus(observation.getStatus()));
        if (observation.hasEffectiveDateTimeType()) {
            time(obx.getDateTimeOfTheObservation().getTime(), observation.getEffectiveDateTimeType());
        }
        return hl7.getPipeParser().encode(oru);
    }

    private Optional<String> adt(String organization, FeedItem item, Patient patient, Encounter encounter)
            throws HL7Exception, java.io.IOException {
        String status = encounter.hasStatus() ? encounter.getStatus().toCode() : null;
        String encounterClass = encounter.hasClass_() ? encounter.getClass_().getCode() : null;
        Optional<String> trigger = AdtTrigger.of(item.change(), status, encounterClass);
        if (trigger.isEmpty()) {
            return Optional.empty();
        }
        AbstractMessage adt = switch (trigger.get()) {
            case "A03" -> hl7.newMessage(ADT_A03.class);
            case "A05" -> hl7.newMessage(ADT_A05.class);
            case "A11" -> hl7.newMessage(ADT_A09.class);
            default -> hl7.newMessage(ADT_A01.class);
        };
        adt.initQuickstart("ADT", trigger.get(), "P");
        header((MSH) adt.get("MSH"), organization, item);
        EVN evn = (EVN) adt.get("EVN");
        evn.getEventTypeCode().setValue(trigger.get());
        recorded(evn.getRecordedDateTime().getTime(), item);
        patient((PID) adt.get("PID"), item, patient);
        PV1 pv1 = (PV1) ((AbstractGroup) adt).get("PV1");
        pv1.getSetIDPV1().setValue("1");
        pv1.getPatientClass().setValue(AdtTrigger.patientClass(encounterClass));
        if (encounter.hasLocation()
                && encounter.getLocationFirstRep().getLocation().hasDisplay()) {
            pv1.getAssignedPatientLocation()
                    .getPointOfCare()
                    .setValue(encounter.getLocationFirstRep().getLocation().getDisplay());
        }
        String visit =
                encounter.hasIdentifier() && encounter.getIdentifierFirstRep().hasValue()
                        ? encounter.getIdentifierFirstRep().getValue()
                        : encounter.getIdPart();
        pv1.getVisitNumber().getIDNumber().setValue(visit);
        if (encounter.getPeriod().hasStart()) {
            time(pv1.getAdmitDateTime().getTime(), encounter.getPeriod().getStartElement());
        }
        if (encounter.getPeriod().hasEnd()) {
            time(pv1.getDischargeDateTime(0).getTime(), encounter.getPeriod().getEndElement());
        }
        return Optional.of(hl7.getPipeParser().encode(adt));
    }

    private static void header(MSH msh, String organization, FeedItem item) throws DataTypeException {
        msh.getSendingApplication().getNamespaceID().setValue(ENTERPRISE_AUTHORITY);
        msh.getSendingFacility().getNamespaceID().setValue(ENTERPRISE_AUTHORITY);
        msh.getReceivingFacility().getNamespaceID().setValue(organization);
        recorded(msh.getDateTimeOfMessage().getTime(), item);
        msh.getMessageControlID().setValue(controlId(item));
        msh.getVersionID().getVersionID().setValue("2.5.1");
    }

    /** MSH-10: the feed's event number, the same on every attempt. */
    public static String controlId(FeedItem item) {
        return "F" + item.eventNumber();
    }

    private static void patient(PID pid, FeedItem item, Patient patient) throws HL7Exception {
        pid.getSetIDPID().setValue("1");
        int rep = 0;
        if (patient != null) {
            for (Identifier identifier : patient.getIdentifier()) {
                if (!identifier.hasValue() || !identifier.hasSystem()) {
                    continue;
                }
                var cx = pid.getPatientIdentifierList(rep++);
                cx.getIDNumber().setValue(identifier.getValue());
                String system = identifier.getSystem();
                boolean oid = system.startsWith(OID_PREFIX);
                cx.getAssigningAuthority()
                        .getUniversalID()
                        .setValue(oid ? system.substring(OID_PREFIX.length()) : system);
                cx.getAssigningAuthority().getUniversalIDType().setValue(oid ? "ISO" : "URI");
                if (identifier.getType().hasCoding()) {
                    cx.getIdentifierTypeCode()
                            .setValue(identifier.getType().getCodingFirstRep().getCode());
                }
            }
        }
        var enterprise = pid.getPatientIdentifierList(rep);
        enterprise.getIDNumber().setValue(item.personId().toString());
        enterprise.getAssigningAuthority().getNamespaceID().setValue(ENTERPRISE_AUTHORITY);
        enterprise.getIdentifierTypeCode().setValue("PI");
        if (patient == null) {
            return;
        }
        int names = 0;
        for (HumanName name : patient.getName()) {
            var xpn = pid.getPatientName(names++);
            xpn.getFamilyName().getSurname().setValue(name.getFamily());
            List<org.hl7.fhir.r4.model.StringType> given = name.getGiven();
            if (!given.isEmpty()) {
                xpn.getGivenName().setValue(given.get(0).getValue());
            }
            if (given.size() > 1) {
                xpn.getSecondAndFurtherGivenNamesOrInitialsThereof()
                        .setValue(given.get(1).getValue());
            }
        }
        if (patient.hasBirthDate()) {
            time(pid.getDateTimeOfBirth().getTime(), patient.getBirthDateElement());
        }
        pid.getAdministrativeSex().setValue(sex(patient.getGender()));
    }

    private static String sex(AdministrativeGender gender) {
        if (gender == null) {
            return "U";
        }
        return switch (gender) {
            case MALE -> "M";
            case FEMALE -> "F";
            case OTHER -> "O";
            default -> "U";
        };
    }

    /** HL7 table 0085/0123 for an Observation's status. */
    static String resultStatus(Observation.ObservationStatus status) {
        if (status == null) {
            return "F";
        }
        return switch (status) {
            case REGISTERED -> "I";
            case PRELIMINARY -> "P";
            case AMENDED, CORRECTED -> "C";
            case CANCELLED -> "X";
            case ENTEREDINERROR -> "W";
            default -> "F";
        };
    }

    private static void value(ORU_R01 oru, OBX obx, Observation observation) throws HL7Exception {
        if (observation.hasValueQuantity()) {
            Quantity quantity = observation.getValueQuantity();
            obx.getValueType().setValue("NM");
            if (quantity.hasValue()) {
                NM nm = new NM(oru);
                nm.setValue(quantity.getValue().toPlainString());
                obx.getObservationValue(0).setData(nm);
            }
            String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
            if (unit != null) {
                obx.getUnits().getIdentifier().setValue(unit);
                obx.getUnits().getText().setValue(quantity.hasUnit() ? quantity.getUnit() : unit);
                if (UCUM.equals(quantity.getSystem())) {
                    obx.getUnits().getNameOfCodingSystem().setValue("UCUM");
                }
            }
        } else if (observation.hasValueCodeableConcept()) {
            obx.getValueType().setValue("CWE");
            CWE cwe = new CWE(oru);
            cwe(cwe, observation.getValueCodeableConcept());
            obx.getObservationValue(0).setData(cwe);
        } else if (observation.hasValue() && observation.getValue().isPrimitive()) {
            obx.getValueType().setValue("ST");
            ST st = new ST(oru);
            st.setValue(observation.getValue().primitiveValue());
            obx.getObservationValue(0).setData(st);
        }
    }

    private static void code(CE ce, CodeableConcept concept) throws DataTypeException {
        Coding coding = concept.getCodingFirstRep();
        ce.getIdentifier().setValue(coding.getCode());
        ce.getText().setValue(coding.hasDisplay() ? coding.getDisplay() : concept.getText());
        ce.getNameOfCodingSystem().setValue(codingSystem(coding.getSystem()));
    }

    private static void cwe(CWE cwe, CodeableConcept concept) throws DataTypeException {
        Coding coding = concept.getCodingFirstRep();
        cwe.getIdentifier().setValue(coding.getCode());
        cwe.getText().setValue(coding.hasDisplay() ? coding.getDisplay() : concept.getText());
        cwe.getNameOfCodingSystem().setValue(codingSystem(coding.getSystem()));
    }

    /** HL7 table 0396 names LOINC "LN"; another system goes as it is. */
    private static String codingSystem(String system) {
        return LOINC.equals(system) ? "LN" : system;
    }

    private static void recorded(TSComponentOne time, FeedItem item) throws DataTypeException {
        GregorianCalendar utc = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        utc.setTimeInMillis(item.recordedAt().toEpochMilli());
        time.setValueToSecond(utc);
    }

    /** A FHIR date or dateTime at its own precision (a day stays a day), in its own offset. */
    private static void time(TSComponentOne time, BaseDateTimeType value) throws DataTypeException {
        if (value.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            time.setValue(value.getValueAsString().replace("-", "")); // YYYY[MM[DD]]
            return;
        }
        TimeZone zone = value.getTimeZone() == null ? TimeZone.getTimeZone("UTC") : value.getTimeZone();
        time.setDateSecondPrecision(
                value.getYear(),
                value.getMonth() + 1,
                value.getDay(),
                value.getHour(),
                value.getMinute(),
                value.getSecond());
        int minutes = zone.getOffset(value.getValue().getTime()) / 60_000;
        time.setOffset(minutes / 60 * 100 + minutes % 60); // +HHMM as HL7 writes it
    }
}
