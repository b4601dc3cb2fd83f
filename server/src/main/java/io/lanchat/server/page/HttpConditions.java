package io.lanchat.server.page;

import java.util.List;
import java.util.Locale;

/** Reads the request headers that decide how a static file is answered: content coding and revalidation. */
final class HttpConditions {

    private HttpConditions() {
    }

    /**
     * Whether {@code Accept-Encoding} allows gzip: listed (or {@code *}) without {@code q=0}. An explicit
     * {@code gzip;q=0} wins over {@code *}.
     */
    static boolean acceptsGzip(List<String> acceptEncoding) {
        Boolean wildcard = null;
        for (String header : acceptEncoding) {
            for (String part : header.split(",")) {
                String[] pieces = part.split(";");
                String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
                boolean allowed = quality(pieces) > 0;
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    return allowed;
                }
                if (coding.equals("*")) {
                    wildcard = allowed;
                }
            }
        }
        return Boolean.TRUE.equals(wildcard);
    }

    /** Whether {@code If-None-Match} names one of the tags, or is {@code *}; weak comparison, as RFC 9110 asks. */
    static boolean matchesAny(List<String> ifNoneMatch, String... etags) {
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*")) {
                    return true;
                }
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                for (String etag : etags) {
                    if (tag.equals(etag)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static double quality(String[] pieces) {
        for (int i = 1; i < pieces.length; i++) {
            String parameter = pieces[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;       // a malformed weight is no consent
                }
            }
        }
        return 1;
    }
}
