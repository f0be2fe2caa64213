package io.jenkins.plugins.jama.fake;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for the trusted-CA tests: a CA and what it signs, expired ones, and their PEM text. */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A certificate and its key pair, so it can sign others. */
    public record Issued(X509Certificate certificate, KeyPair keys) {

        public String pem() {
            return TestCertificates.pem(certificate);
        }
    }

    private TestCertificates() {}

    /** A self-signed CA certificate valid from {@code from} to {@code until}. */
    public static Issued ca(String commonName, Instant from, Instant until) throws Exception {
        KeyPair keys = newKeys();
        return new Issued(sign("CN=" + commonName, keys, "CN=" + commonName, keys, true, from, until), keys);
    }

    /** A server (non-CA) certificate signed by {@code issuer}. */
    public static Issued signedBy(Issued issuer, String commonName, Instant from, Instant until) throws Exception {
        KeyPair keys = newKeys();
        String issuerName = issuer.certificate().getSubjectX500Principal().getName();
        return new Issued(sign("CN=" + commonName, keys, issuerName, issuer.keys(), false, from, until), keys);
    }

    public static String pem(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String privateKeyPem(KeyPair keys) {
        return block("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    private static String block(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(
            String subject,
            KeyPair subjectKeys,
            String issuer,
            KeyPair issuerKeys,
            boolean ca,
            Instant from,
            Instant until)
            throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name(issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(from),
                Date.from(until),
                new X500Name(subject),
                subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}
