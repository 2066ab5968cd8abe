package io.chartstream.portal.sharing.web;

import io.chartstream.portal.sharing.domain.Disclosure;
import io.chartstream.portal.sharing.domain.SensitiveCategory;
import io.chartstream.portal.sharing.domain.Sharing;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The sharing page (templates/sharing/*.html), checked against these types at build time. */
@CheckedTemplate(basePath = "sharing")
final class SharingPages {

    private SharingPages() {}

    static native TemplateInstance sharing(
            Sharing sharing, SensitiveCategory[] categories, boolean saved, String error, String userName);

    static native TemplateInstance disclosures(List<Disclosure> disclosures, String userName);

    static native TemplateInstance problem(String heading, String message, String userName);
}
