package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Jama Connect site address, normalised from what a user pasted (scheme, host, optional port and context path, no
 * trailing slash, no {@code /rest/...} suffix), and the REST addresses the plugin calls on it.
 */
public final class JamaBaseUrl {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern WEB_SCHEME = Pattern.compile("(?i:https?)://");
    /**
     * A path with a pasted REST address: the context path, then the first {@code /rest} that ends the path or is
     * followed by {@code /v1}, {@code /latest}, {@code /labs} or {@code /oauth}, then anything.
     */
    private static final Pattern PASTED_REST =
            Pattern.compile("(.*?)/rest(/(v1|latest|labs|oauth)(/.*)?)?", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final int MAX_ECHO = 200;

    private final URI uri;

    private JamaBaseUrl(URI uri) {
        this.uri = uri;
    }

    /**
     * Plain {@code http} is accepted: the credential form warns about it, and a site behind a TLS-terminating proxy
     * inside a private network may use it.
     *
     * @throws JamaException with {@link JamaException.Reason#BAD_URL} and a message that says what to fix; the
     *     message never repeats user info (credentials) found in the input
     */
    public static @NonNull JamaBaseUrl parse(String input) throws JamaException {
        if (input == null || input.isBlank()) {
            throw bad(Messages.JamaBaseUrl_blank());
        }
        String trimmed = input.strip();
        String shown = redact(trimmed);
        if (trimmed.indexOf('@') >= 0) {
            throw bad(Messages.JamaBaseUrl_userInfo(shown));
        }
        if (!SCHEME.matcher(trimmed).lookingAt()) {
            throw bad(Messages.JamaBaseUrl_noScheme(shown));
        }
        if (!WEB_SCHEME.matcher(trimmed).lookingAt()) {
            throw bad(Messages.JamaBaseUrl_otherScheme(shown));
        }
        int hostStart = trimmed.indexOf("://") + 3;
        String authority = trimmed.substring(hostStart).split("[/?#]", 2)[0];
        if (authority.isEmpty()) {
            throw bad(Messages.JamaBaseUrl_noHost(shown));
        }
        String host = hostOf(authority);
        checkPort(authority.substring(host.length()), shown);
        String asciiHost = toAscii(host, shown);
        if (asciiHost.indexOf('_') >= 0) {
            throw bad(Messages.JamaBaseUrl_underscore(shown, host));
        }
        String ascii = trimmed.substring(0, hostStart) + asciiHost + trimmed.substring(hostStart + host.length());
        URI uri;
        try {
            uri = new URI(ascii);
        } catch (URISyntaxException e) {
            throw bad(Messages.JamaBaseUrl_syntax(shown));
        }
        if (uri.getRawQuery() != null) {
            throw bad(Messages.JamaBaseUrl_query(shown));
        }
        if (uri.getRawFragment() != null) {
            throw bad(Messages.JamaBaseUrl_fragment(shown));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw bad(Messages.JamaBaseUrl_noHost(shown));
        }
        return new JamaBaseUrl(normalise(uri));
    }

    /** The host part of an authority without user info: an IPv6 literal in brackets, or up to a colon. */
    private static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /**
     * {@link URI} takes any number of digits as a port, and 0 too, and the HTTP client then fails with a message
     * that does not say why.
     */
    private static void checkPort(String afterHost, String shown) throws JamaException {
        String port = afterHost.startsWith(":") ? afterHost.substring(1) : "";
        if (port.matches("\\d+") && !(port.matches("0*[1-9]\\d{0,4}") && Integer.parseInt(port) <= 65535)) {
            throw bad(Messages.JamaBaseUrl_port(shown, port.length() > 30 ? port.substring(0, 30) + "…" : port));
        }
    }

    /**
     * An internationalised name in its ASCII (punycode) form, which is what DNS, {@link URI} and the HTTP client
     * understand; ASCII names are left as they are.
     */
    private static String toAscii(String host, String shown) throws JamaException {
        if (host.chars().allMatch(c -> c < 0x80)) {
            return host;
        }
        try {
            return IDN.toASCII(host);
        } catch (IllegalArgumentException e) {
            throw bad(Messages.JamaBaseUrl_noHost(shown));
        }
    }

    private static URI normalise(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == (scheme.equals("https") ? 443 : 80);
        return URI.create(scheme + "://" + host + (defaultPort ? "" : ":" + port) + contextPath(uri.getRawPath()));
    }

    /** The path without trailing slashes and without a pasted {@code /rest}, {@code /rest/v1/...} and so on. */
    private static String contextPath(String rawPath) {
        String path = Arrays.stream(rawPath.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(segment -> "/" + segment)
                .collect(Collectors.joining());
        Matcher rest = PASTED_REST.matcher(path);
        return rest.matches() ? rest.group(1) : path;
    }

    /**
     * What may be shown back to the user: without any user info (it is usually a client ID and secret), query or
     * fragment (they may carry secrets too), and not too long.
     *
     * <p>Any {@code @} counts as the end of user info, and everything from the start, or from an {@code http://}
     * or {@code https://} prefix, up to the last {@code @} is hidden. A password may contain {@code /}, {@code ?},
     * {@code #} or {@code @}, so no URL grammar can be trusted to find where it ends; and another prefix that looks
     * like a scheme may be a user name.
     */
    private static String redact(String input) {
        String text = input;
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            Matcher scheme = WEB_SCHEME.matcher(text);
            int start = scheme.lookingAt() ? scheme.end() : 0;
            text = text.substring(0, start) + "****" + text.substring(at);
        }
        text = text.replaceFirst("(?s)[?#].*", "…");
        if (text.length() > MAX_ECHO) {
            text = text.substring(0, MAX_ECHO) + "…";
        }
        return text;
    }

    private static JamaException bad(String message) {
        return new JamaException(JamaException.Reason.BAD_URL, message);
    }

    public boolean isHttps() {
        return "https".equals(uri.getScheme());
    }

    /** Where client credentials are exchanged for a bearer token. */
    public @NonNull URI tokenUri() {
        return URI.create(uri + "/rest/oauth/token");
    }

    /** The user a token acts as; a cheap call that proves a token works. */
    public @NonNull URI currentUserUri() {
        return URI.create(uri + "/rest/v1/users/current");
    }

    /** The normalised address, for example {@code https://jama.example.com/contour}. */
    @Override
    public String toString() {
        return uri.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JamaBaseUrl other && uri.equals(other.uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }
}
