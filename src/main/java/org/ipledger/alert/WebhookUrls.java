package org.ipledger.alert;

import org.ipledger.common.ApiProblem;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which webhook URLs a bank may register: absolute https URLs; plain http only to a loopback host
 * (localhost, 127.0.0.0/8, [::1]), for a receiver on the same machine. No credentials in the URL and
 * no fragment. The host is judged as written: nothing is resolved.
 */
public final class WebhookUrls {

    public static final int MAX_LENGTH = 2000;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private WebhookUrls() {
    }

    /** The URL as it will be called, or a 400 naming {@code field}. */
    public static String check(String raw, String field) {
        String value = raw == null ? "" : raw.strip();
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ApiProblem.invalidField(field, "is not a URL: " + e.getReason());
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiProblem.invalidField(field, "must be an absolute https URL with a host");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!isLoopback(uri.getHost())) {
                throw ApiProblem.invalidField(field, "must use https; plain http is allowed only to a loopback host "
                        + "(localhost, 127.0.0.0/8, [::1])");
            }
        } else if (!scheme.equals("https")) {
            throw ApiProblem.invalidField(field, "must use https (or http to a loopback host), not " + scheme);
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiProblem.invalidField(field, "must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            throw ApiProblem.invalidField(field, "must not have a fragment");
        }
        return value;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        boolean ipv6 = h.startsWith("[") && h.endsWith("]");
        if (!ipv6 && !IPV4.matcher(h).matches()) {
            return false;
        }
        try {
            // An IP literal: parsed, never looked up.
            return InetAddress.getByName(ipv6 ? h.substring(1, h.length() - 1) : h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
