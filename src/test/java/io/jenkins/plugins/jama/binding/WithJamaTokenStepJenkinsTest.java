package io.jenkins.plugins.jama.binding;

import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.CREDENTIALS_ID;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.KNOWN_TOKEN;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.addCredentials;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.assertFailedWithMessage;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.assertJamaAccepts;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.assertLogHidesToken;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.base64;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.grep;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.pipeline;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.readWritten;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.shOrBat;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.writeOnAgent;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.Functions;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentialsImpl;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.TokenMode;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class WithJamaTokenStepJenkinsTest {

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final FakeJamaExtension fakeJama = new FakeJamaExtension();

    private JenkinsRule r;
    private FakeJamaServer jama;

    @BeforeEach
    void beforeEach(JenkinsRule rule, FakeJamaServer jama) {
        r = rule;
        this.jama = jama;
    }

    @Test
    void agentSeesTokenAndUrlWhichAreGoneAfterTheBlock() throws Exception {
        addCredentials(r, jama);
        jama.nextToken(KNOWN_TOKEN);
        DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
        String agentScript = shOrBat("""
                printf %s "$JAMA_TOKEN" > token.txt
                echo "url=$JAMA_URL"
                echo "plain=$JAMA_TOKEN"
                echo "quoted='$JAMA_TOKEN'"
                """, """
                (echo %JAMA_TOKEN%)> token.txt
                echo url=%JAMA_URL%
                echo plain=%JAMA_TOKEN%
                echo quoted="%JAMA_TOKEN%"
                """);
        WorkflowJob p = pipeline(r, "p", """
                withJamaToken(credentialsId: 'jama-api') {
                    node('remote') {
                        %s
                    }
                    echo "echo step=${env.JAMA_TOKEN}"
                    echo 'base64=%s'
                }
                echo "after: token=${env.JAMA_TOKEN} url=${env.JAMA_URL}"
                """.formatted(agentScript, base64(KNOWN_TOKEN)));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        String token = readWritten(agent.getWorkspaceFor(p).child("token.txt"));
        assertThat(token, is(KNOWN_TOKEN));
        assertJamaAccepts(jama, token);
        r.assertLogContains(
                "Jama Connect token for credentials 'jama-api' at " + jama.baseUrl() + ": minted for "
                        + FakeJamaServer.USERNAME + ",",
                b);
        r.assertLogContains("url=" + jama.baseUrl(), b);
        r.assertLogContains("plain=****", b);
        r.assertLogContains("base64=****", b);
        // credentials-binding masks a single-quoted token ('token', as set -x prints values) quotes and all; cmd quotes
        // with double quotes, which no masked form includes, so they stay.
        r.assertLogContains(Functions.isWindows() ? "quoted=\"****\"" : "quoted=****", b);
        r.assertLogContains("echo step=****", b);
        r.assertLogContains("after: token=null url=null", b);
        assertLogHidesToken(r, b, token);
        r.assertLogNotContains(jama.clientSecret(), b);
    }

    @Test
    void worksOutsideNodeAndWithOtherVariableNames() throws Exception {
        addCredentials(r, jama);
        WorkflowJob p = pipeline(r, "p", """
                withJamaToken(credentialsId: 'jama-api', variable: 'TOKEN', urlVariable: 'SITE', minimumValidityMinutes: 10) {
                    echo "site=${env.SITE} token-set=${env.TOKEN != null} default=${env.JAMA_TOKEN}"
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("site=" + jama.baseUrl() + " token-set=true default=null", b);
    }

    @Test
    void groovyInterpolationIsWarnedAbout() throws Exception {
        addCredentials(r, jama);
        WorkflowJob p = pipeline(r, "p", """
                withJamaToken(credentialsId: 'jama-api') {
                    echo "interpolated ${JAMA_TOKEN}"
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("Warning: A secret was passed to \"echo\" using Groovy String interpolation", b);
        r.assertLogContains("Affected argument(s) used the following variable(s): [JAMA_TOKEN]", b);
        r.assertLogContains("interpolated ****", b);
    }

    @Test
    void tokenInABodyFailureIsMasked() throws Exception {
        addCredentials(r, jama);
        WorkflowJob p = pipeline(r, "p", """
                withJamaToken(credentialsId: 'jama-api') {
                    node {
                        %s
                    }
                    error("Jama refused Bearer " + env.JAMA_TOKEN)
                }
                """.formatted(writeOnAgent("JAMA_TOKEN", "token.txt")));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        String token = readWritten(r.jenkins.getWorkspaceFor(p).child("token.txt"));
        r.assertLogContains("Jama refused Bearer ****", b);
        assertLogHidesToken(r, b, token);
        // The failure is also stored with the flow nodes (workflow/*.xml): masked there too.
        assertThat(grep(b.getRootDir(), token), empty());
    }

    @Test
    void twentyParallelBranchesShareOneMint() throws Exception {
        addCredentials(r, jama);
        WorkflowJob p = pipeline(r, "p", """
                def branches = [:]
                for (int i = 0; i < 20; i++) {
                    def n = i
                    branches["b${n}"] = {
                        withJamaToken(credentialsId: 'jama-api') {
                            echo "branch ${n} bound ${env.JAMA_URL}"
                        }
                    }
                }
                parallel branches
                """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("branch 19 bound " + jama.baseUrl(), b);
        assertThat(jama.mints(), is(1));
    }

    /**
     * Two branches hold tokens of two credentials at the same time (each waits in a semaphore until both are bound),
     * and what either branch prints is masked for both tokens.
     */
    @Test
    void overlappingBlocksOfTwoCredentialsMaskEachOthersTokens() throws Exception {
        addCredentials(r, jama);
        try (FakeJamaServer other = FakeJamaServer.http().start()) {
            CredentialsProvider.lookupStores(r.jenkins)
                    .iterator()
                    .next()
                    .addCredentials(
                            Domain.global(),
                            new JamaApiClientCredentialsImpl(
                                    CredentialsScope.GLOBAL,
                                    "jama-other",
                                    "another Jama",
                                    other.baseUrl(),
                                    other.clientId(),
                                    other.clientSecret()));
            jama.nextToken("fake.token-of-branch-a");
            other.nextToken("fake.token-of-branch-b");
            WorkflowJob p = pipeline(r, "p", """
                    parallel a: {
                        withJamaToken(credentialsId: 'jama-api') {
                            semaphore 'a'
                            echo 'a prints b=fake.token-of-branch-b'
                            echo "a prints its own=${env.JAMA_TOKEN}"
                        }
                    }, b: {
                        withJamaToken(credentialsId: 'jama-other') {
                            semaphore 'b'
                            echo 'b prints a=fake.token-of-branch-a'
                        }
                    }
                    """);

            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("a/1", b);
            SemaphoreStep.waitForStart("b/1", b);
            SemaphoreStep.success("a/1", null);
            SemaphoreStep.success("b/1", null);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));

            r.assertLogContains("a prints b=****", b);
            r.assertLogContains("a prints its own=****", b);
            r.assertLogContains("b prints a=****", b);
            r.assertLogNotContains("fake.token-of-branch-a", b);
            r.assertLogNotContains("fake.token-of-branch-b", b);
            assertThat(jama.mints(), is(1));
            assertThat(other.mints(), is(1));
        }
    }

    @Test
    void secondBuildReusesTheCachedToken() throws Exception {
        addCredentials(r, jama);
        WorkflowJob p = pipeline(r, "p", "withJamaToken(credentialsId: 'jama-api') { echo 'inside' }");

        r.buildAndAssertSuccess(p);
        WorkflowRun second = r.buildAndAssertSuccess(p);

        r.assertLogContains(
                "Jama Connect token for credentials 'jama-api' at " + jama.baseUrl() + ": reused for "
                        + FakeJamaServer.USERNAME + ",",
                second);
        assertThat(jama.mints(), is(1));
    }

    @Test
    void missingCredentialFailsWithItsMessage() throws Exception {
        WorkflowJob p = pipeline(r, "p", "withJamaToken(credentialsId: 'nowhere') { echo 'never here' }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        assertFailedWithMessage(
                r, b, "Jama Connect credentials 'nowhere' were not found, or this build may not use them.");
        r.assertLogNotContains("never here", b);
    }

    @Test
    void wrongTypeFailsWithItsMessage() throws Exception {
        CredentialsProvider.lookupStores(r.jenkins)
                .iterator()
                .next()
                .addCredentials(
                        Domain.global(),
                        new StringCredentialsImpl(
                                CredentialsScope.GLOBAL, "text", "not Jama", Secret.fromString("s3cr3t-text")));
        WorkflowJob p = pipeline(r, "p", "withJamaToken(credentialsId: 'text') { echo 'never here' }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        assertFailedWithMessage(r, b, "Credentials 'text' are of type 'Secret text', not a Jama Connect API client.");
        r.assertLogNotContains("s3cr3t-text", b);
    }

    @Test
    void rejectedSecretFailsWithJamasReason() throws Exception {
        addCredentials(r, jama, "not-the-right-secret");
        WorkflowJob p = pipeline(r, "p", "withJamaToken(credentialsId: 'jama-api') { echo 'never here' }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        assertFailedWithMessage(r, b, "Could not get a Jama Connect token with credentials 'jama-api': Jama at");
        r.assertLogContains("rejected the client ID or client secret", b);
        r.assertLogNotContains("not-the-right-secret", b);
        r.assertLogNotContains("never here", b);
    }

    @Test
    void htmlLoginPageFailsWithItsMessage() throws Exception {
        addCredentials(r, jama);
        jama.tokenMode(TokenMode.HTML_LOGIN_PAGE);
        WorkflowJob p = pipeline(r, "p", "withJamaToken(credentialsId: 'jama-api') { echo 'never here' }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        assertFailedWithMessage(r, b, "answered with a web page");
        r.assertLogNotContains(jama.clientSecret(), b);
    }

    @Test
    void badVariableNameFailsBeforeMinting() throws Exception {
        addCredentials(r, jama);
        WorkflowJob p =
                pipeline(r, "p", "withJamaToken(credentialsId: 'jama-api', variable: 'JAMA-TOKEN') { echo 'x' }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        assertFailedWithMessage(r, b, "'JAMA-TOKEN' cannot be an environment variable name");
        assertThat(jama.tokenRequests(), is(0));
    }

    @Test
    void snippetGeneratorRoundTrip() throws Exception {
        addCredentials(r, jama);
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        snippetizer.assertRoundTrip(
                new WithJamaTokenStep(CREDENTIALS_ID), "withJamaToken('jama-api') {\n    // some block\n}");
        WithJamaTokenStep custom = new WithJamaTokenStep(CREDENTIALS_ID);
        custom.setVariable("TOKEN");
        custom.setUrlVariable("SITE");
        custom.setMinimumValidityMinutes(30);
        custom.setTokenFileVariable("TOKEN_FILE");
        snippetizer.assertRoundTrip(
                custom,
                "withJamaToken(credentialsId: 'jama-api', minimumValidityMinutes: 30, tokenFileVariable: 'TOKEN_FILE',"
                        + " urlVariable: 'SITE', variable: 'TOKEN') {\n    // some block\n}");

        r.assertEqualDataBoundBeans(custom, new StepConfigTester(r).configRoundTrip(custom));
    }

    @Test
    void anExplicitZeroMinimumIsRefusedInsteadOfBecomingTheDefault() throws Exception {
        addCredentials(r, jama);
        WorkflowJob p = pipeline(
                r, "p", "withJamaToken(credentialsId: 'jama-api', minimumValidityMinutes: 0) { echo 'never here' }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        assertFailedWithMessage(r, b, "The minimum validity must be between 1 and 1440 minutes, not 0.");
        assertThat(jama.tokenRequests(), is(0));
    }

    /** The Snippet Generator's form with the minimum left blank gives a step without one, not one with 0. */
    @Test
    void aBlankMinimumInTheFormMeansTheDefault() throws Exception {
        addCredentials(r, jama);
        WithJamaTokenStep step = new WithJamaTokenStep(CREDENTIALS_ID);

        WithJamaTokenStep submitted = new StepConfigTester(r).configRoundTrip(step);

        assertThat(submitted.getMinimumValidityMinutes(), nullValue());
        r.assertEqualDataBoundBeans(step, submitted);
    }

    @Test
    void aFolderCredentialServesBuildsInThatFolderOnly() throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team");
        CredentialsStore folderStore = null;
        for (CredentialsStore store : CredentialsProvider.lookupStores(team)) {
            if (store.getContext() == team) {
                folderStore = store;
            }
        }
        folderStore.addCredentials(
                Domain.global(),
                new JamaApiClientCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        CREDENTIALS_ID,
                        "team's Jama",
                        jama.baseUrl(),
                        jama.clientId(),
                        jama.clientSecret()));
        String script = "withJamaToken(credentialsId: 'jama-api') { echo \"bound ${env.JAMA_URL}\" }";
        WorkflowJob inside = team.createProject(WorkflowJob.class, "inside");
        inside.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowJob outside = pipeline(r, "outside", script);

        r.assertLogContains("bound " + jama.baseUrl(), r.buildAndAssertSuccess(inside));
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, outside);

        assertFailedWithMessage(r, refused, "Jama Connect credentials 'jama-api' were not found");
    }
}
