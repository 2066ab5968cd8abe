package io.chartstream.portal.sharing.web;

import java.net.URI;

/**
 * Whether a form post comes from the portal's own pages (cross-site request forgery defence
 * beside the session cookie's SameSite=Lax): the browser's {@code Sec-Fetch-Site} must be
 * same-origin (or none: typed by the user), and an {@code Origin} must name the host the request
 * was sent to. A client that sends neither (not a browser) passes: it holds the session itself.
 */
final class SameOrigin {

    private SameOrigin() {}

    static boolean allows(String origin, String secFetchSite, String host) {
        if (secFetchSite != null && !secFetchSite.equals("same-origin") && !secFetchSite.equals("none")) {
            return false;
        }
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            return uri.getAuthority() != null && uri.getAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
