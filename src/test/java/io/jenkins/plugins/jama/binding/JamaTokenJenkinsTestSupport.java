package io.jenkins.plugins.jama.binding;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.FilePath;
import hudson.Functions;
import hudson.model.Descriptor.FormException;
import hudson.model.Run;
import hudson.tasks.BatchFile;
import hudson.tasks.Builder;
import hudson.tasks.Shell;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentialsImpl;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/** What the Jenkins tests of the token step, wrapper and binding share. */
final class JamaTokenJenkinsTestSupport {

    static final String CREDENTIALS_ID = "jama-api";

    /**
     * A token to have the fake Jama issue ({@link FakeJamaServer#nextToken}) when a script prints its Base64 form:
     * Windows agents have no {@code base64} command, so the test prints the form it computed itself.
     */
    static final String KNOWN_TOKEN = "fake.known-in-advance-so-its-Base64-form-can-be-printed";

    private JamaTokenJenkinsTestSupport() {}

    /** A Jama API client credential for the fake server, in the global store. */
    static JamaApiClientCredentialsImpl addCredentials(JenkinsRule r, FakeJamaServer jama, String clientSecret)
            throws Exception {
        JamaApiClientCredentialsImpl credentials = new JamaApiClientCredentialsImpl(
                CredentialsScope.GLOBAL, CREDENTIALS_ID, "fake Jama", jama.baseUrl(), jama.clientId(), clientSecret);
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(), credentials);
        return credentials;
    }

    static JamaApiClientCredentialsImpl addCredentials(JenkinsRule r, FakeJamaServer jama) throws Exception {
        return addCredentials(r, jama, jama.clientSecret());
    }

    static WorkflowJob pipeline(JenkinsRule r, String name, String script) throws IOException, FormException {
        WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /**
     * Pipeline code running {@code unix} with {@code sh} on a Unix agent and {@code windows} with {@code bat} on a
     * Windows one, as credentials-binding's own tests do: the plugin is built and tested on both.
     */
    static String shOrBat(String unix, String windows) {
        return "if (isUnix()) {\n    sh '''\n" + unix + "\n'''\n} else {\n    bat '''\n" + windows + "\n'''\n}";
    }

    /** The freestyle counterpart of {@link #shOrBat}; freestyle builds here run on the controller. */
    static Builder shellOrBatch(String unix, String windows) {
        return Functions.isWindows() ? new BatchFile(windows) : new Shell(unix);
    }

    /**
     * Pipeline code writing the value of {@code variable}, as the agent's shell sees it, to {@code file}. On Windows
     * the parentheses keep a digit at the end of the value from being read as a stream number ({@code 1> file}).
     */
    static String writeOnAgent(String variable, String file) {
        return shOrBat("printf %s \"$" + variable + "\" > " + file, "(echo %" + variable + "%)> " + file);
    }

    /** What a script wrote to {@code file}, without the line end {@code echo} adds on Windows. */
    static String readWritten(FilePath file) throws IOException, InterruptedException {
        return file.readToString().strip();
    }

    /** The Base64 form of a token, as a careless script would print it ({@code printf %s "$T" | base64}). */
    static String base64(String token) {
        return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    /** Proves a token a build saw is one Jama issued and still accepts. */
    static void assertJamaAccepts(FakeJamaServer jama, String token) throws Exception {
        HttpResponse<String> answer = jama.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(jama.baseUrl() + "/rest/v1/users/current"))
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode(), is(200));
    }

    /** The forms of the token a careless script might print, none of which may reach the log. */
    static void assertLogHidesToken(JenkinsRule r, Run<?, ?> b, String token) throws IOException {
        r.assertLogNotContains(token, b);
        r.assertLogNotContains(base64(token), b);
    }

    /**
     * Waits until the blocks of {@code b} have renewed their tokens {@code count} times in all, as the build's audit
     * record counts them.
     */
    static void awaitRenewals(Run<?, ?> b, int count) throws InterruptedException {
        await(() -> renewals(b) >= count, count + " renewals in " + b);
    }

    static int renewals(Run<?, ?> b) {
        JamaAuditAction record = b.getAction(JamaAuditAction.class);
        return record == null
                ? 0
                : record.getTokens().stream()
                        .mapToInt(JamaAuditAction.TokenUse::getRenewals)
                        .sum();
    }

    /**
     * Waits for something a test can observe, as {@code JenkinsRule.waitForMessage} does, and fails after two minutes
     * instead of hanging when it never happens.
     */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + what + " within two minutes");
            }
            Thread.sleep(50);
        }
    }

    /** A user-facing failure: the message, and no Java stack trace in the log. */
    static void assertFailedWithMessage(JenkinsRule r, Run<?, ?> b, String message) throws IOException {
        r.assertLogContains(message, b);
        r.assertLogNotContains("\tat ", b);
    }

    /** The files below {@code dir} that contain {@code text}, as credentials-binding's BindingStepTest checks. */
    static Set<String> grep(File dir, String text) throws IOException {
        Set<String> matches = new TreeSet<>();
        grep(dir, text, "", matches);
        return matches;
    }

    private static void grep(File dir, String text, String prefix, Set<String> matches) throws IOException {
        File[] kids = dir.listFiles();
        if (kids == null) {
            return;
        }
        for (File kid : kids) {
            String name = prefix + kid.getName();
            if (kid.isDirectory()) {
                grep(kid, text, name + "/", matches);
            } else {
                try {
                    if (new String(Files.readAllBytes(kid.toPath()), StandardCharsets.ISO_8859_1).contains(text)) {
                        matches.add(name);
                    }
                } catch (FileNotFoundException | NoSuchFileException gone) {
                    // a temporary file removed while scanning
                }
            }
        }
    }
}
