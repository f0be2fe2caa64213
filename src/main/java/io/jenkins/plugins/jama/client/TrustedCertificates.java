package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Certificate authorities one API client trusts on top of the Java runtime's own, for a self-hosted Jama whose
 * certificate comes from a private CA. They add trust and take none away: the runtime's CAs still count, and the host
 * name is still checked against the certificate, because the standard PKIX trust manager is used with them.
 */
public final class TrustedCertificates {

    /** Nothing added: the runtime's CAs only. */
    public static final TrustedCertificates NONE = new TrustedCertificates("", List.of());

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private final String pem;
    private final List<X509Certificate> certificates;

    private TrustedCertificates(String pem, List<X509Certificate> certificates) {
        this.pem = pem;
        this.certificates = certificates;
    }

    /**
     * @param pem one or more {@code -----BEGIN CERTIFICATE-----} blocks; blank means {@link #NONE}
     * @throws JamaException ({@link JamaException.Reason#BAD_CERTIFICATES}) naming what to fix: no certificate, a
     *     private key pasted by mistake, or a block that is not a certificate. A key is never repeated in the message.
     */
    public static @NonNull TrustedCertificates parse(@CheckForNull String pem) throws JamaException {
        if (pem == null || pem.isBlank()) {
            return NONE;
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(pem);
        while (block.find()) {
            // Any block but a certificate is refused, so this one is numbered after the certificates read so far.
            int number = certificates.size() + 1;
            String type = block.group(1);
            if (type.contains("PRIVATE KEY")) {
                throw bad(Messages.TrustedCertificates_privateKey(number));
            }
            if (!type.equals("CERTIFICATE") && !type.equals("TRUSTED CERTIFICATE")) {
                throw bad(Messages.TrustedCertificates_notACertificate(number, type.toLowerCase(Locale.ROOT)));
            }
            certificates.add(read(block.group(), number));
        }
        if (certificates.isEmpty()) {
            throw bad(
                    pem.contains("PRIVATE KEY")
                            ? Messages.TrustedCertificates_privateKey(1)
                            : Messages.TrustedCertificates_noCertificate());
        }
        return new TrustedCertificates(pem.strip(), List.copyOf(certificates));
    }

    private static X509Certificate read(String block, int number) throws JamaException {
        try {
            // An X.509 factory makes only X509Certificates.
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | IllegalArgumentException e) {
            // The parser's message may quote the block; only the fact is kept.
            throw bad(Messages.TrustedCertificates_unreadable(number));
        }
    }

    private static JamaException bad(String message) {
        return new JamaException(JamaException.Reason.BAD_CERTIFICATES, message);
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    /** The PEM text as stored, stripped; empty for {@link #NONE}. */
    public @NonNull String pem() {
        return pem;
    }

    /**
     * One line per certificate for the person pasting them: subject, issuer, expiry, and why it may not help (expired,
     * not yet valid, or not a CA certificate, which only works when it is the very certificate Jama presents).
     */
    public @NonNull List<String> describe(@NonNull Instant now) {
        return certificates.stream()
                .map(certificate -> Stream.concat(
                                Stream.of(Messages.TrustedCertificates_describe(
                                        certificate.getSubjectX500Principal().getName(),
                                        certificate.getIssuerX500Principal().getName(),
                                        certificate.getNotAfter().toInstant().toString())),
                                warnings(certificate, now).stream())
                        .collect(Collectors.joining(" ")))
                .toList();
    }

    /** Whether any certificate is expired, not yet valid, or not a CA. */
    public boolean hasWarnings(@NonNull Instant now) {
        return certificates.stream().anyMatch(c -> !warnings(c, now).isEmpty());
    }

    private static List<String> warnings(X509Certificate certificate, Instant now) {
        List<String> warnings = new ArrayList<>();
        Date at = Date.from(now);
        if (certificate.getNotAfter().before(at)) {
            warnings.add(Messages.TrustedCertificates_expired());
        } else if (certificate.getNotBefore().after(at)) {
            warnings.add(Messages.TrustedCertificates_notYetValid());
        }
        if (certificate.getBasicConstraints() < 0) {
            warnings.add(Messages.TrustedCertificates_notACa());
        }
        return warnings;
    }

    /**
     * A TLS context that trusts the runtime's default CAs and these certificates, checked by the standard PKIX trust
     * manager; the HTTP client adds host name verification to it.
     */
    public @NonNull SSLContext sslContext() throws JamaException {
        try {
            TrustManagerFactory runtime = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            runtime.init((KeyStore) null);
            X509TrustManager defaults = Arrays.stream(runtime.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance)
                    .map(X509TrustManager.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new GeneralSecurityException("The Java runtime offers no X.509 trust manager"));
            List<X509Certificate> all = Stream.concat(
                            Arrays.stream(defaults.getAcceptedIssuers()), certificates.stream())
                    .toList();
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            for (int i = 0; i < all.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, all.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new JamaException(
                    JamaException.Reason.BAD_CERTIFICATES,
                    Messages.TrustedCertificates_unusable(e.getClass().getSimpleName()));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedCertificates other && certificates.equals(other.certificates);
    }

    @Override
    public int hashCode() {
        return certificates.hashCode();
    }
}
