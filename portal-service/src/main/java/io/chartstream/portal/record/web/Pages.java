package io.chartstream.portal.record.web;

import io.chartstream.portal.record.domain.PatientRecord;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The portal's pages (templates/pages/*.html), checked against these parameter types at build time. */
@CheckedTemplate(basePath = "pages")
final class Pages {

    private Pages() {}

    static native TemplateInstance landing(String userName);

    static native TemplateInstance record(PatientRecord record, String userName);

    static native TemplateInstance forbidden(String reason, String userName);

    static native TemplateInstance unavailable(String userName);
}
