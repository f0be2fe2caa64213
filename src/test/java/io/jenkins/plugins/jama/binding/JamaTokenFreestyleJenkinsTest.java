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
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.shellOrBatch;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Builder;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import java.util.List;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;
import org.jenkinsci.plugins.credentialsbinding.impl.BindingStep;
import org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build wrapper, and the jamaToken binding in freestyle and in withCredentials. */
@WithJenkins
class JamaTokenFreestyleJenkinsTest {

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

    /**
     * Writes and echoes the token and URL the wrapper or binding set, and echoes the Base64 form of {@link
     * JamaTokenJenkinsTestSupport#KNOWN_TOKEN}, which the test has the fake issue, as a literal: Windows has no {@code
     * base64} command. The file is written as {@link JamaTokenJenkinsTestSupport#writeOnAgent} does.
     */
    private static Builder tokenScript() {
        String base64 = base64(KNOWN_TOKEN);
        return shellOrBatch("""
                printf %s "$JAMA_TOKEN" > token.txt
                echo "plain=$JAMA_TOKEN url=$JAMA_URL"
                echo "base64=BASE64"
                """.replace("BASE64", base64), """
                (echo %JAMA_TOKEN%)> token.txt
                echo plain=%JAMA_TOKEN% url=%JAMA_URL%
                echo base64=BASE64
                """.replace("BASE64", base64));
    }

    @Test
    void buildWrapperBindsAndMasksTheToken() throws Exception {
        addCredentials(r, jama);
        FreeStyleProject p = r.createFreeStyleProject("p");
        jama.nextToken(KNOWN_TOKEN);
        p.getBuildWrappersList().add(new JamaTokenBuildWrapper(CREDENTIALS_ID));
        p.getBuildersList().add(tokenScript());

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        String token = readWritten(p.getSomeWorkspace().child("token.txt"));
        assertThat(token, is(KNOWN_TOKEN));
        assertJamaAccepts(jama, token);
        r.assertLogContains(
                "Jama Connect token for credentials 'jama-api' at " + jama.baseUrl() + ": minted for "
                        + FakeJamaServer.USERNAME + ",",
                b);
        r.assertLogContains("plain=**** url=" + jama.baseUrl(), b);
        r.assertLogContains("base64=****", b);
        assertLogHidesToken(r, b, token);
        assertThat(b.getSensitiveBuildVariables().contains("JAMA_TOKEN"), is(true));
        assertThat(
                b.getAction(JamaAuditAction.class).getTokens().get(0).getBindings(), is(List.of("jamaTokenWrapper")));
        assertThat(grep(b.getRootDir(), token), empty());
        assertThat(grep(b.getRootDir(), jama.clientSecret()), empty());
    }

    /** Jenkins expands {@code $} in build variables; the token must reach the shell exactly as Jama issued it. */
    @Test
    void buildWrapperPassesATokenWithDollarSignsUnchanged() throws Exception {
        addCredentials(r, jama);
        String dollarToken = "fake$HOME$$token${JAMA_URL}";
        jama.nextToken(dollarToken);
        FreeStyleProject p = r.createFreeStyleProject("p");
        p.getBuildWrappersList().add(new JamaTokenBuildWrapper(CREDENTIALS_ID));
        p.getBuildersList().add(tokenScript());

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        assertThat(readWritten(p.getSomeWorkspace().child("token.txt")), is(dollarToken));
        r.assertLogContains("plain=**** url=" + jama.baseUrl(), b);
    }

    /**
     * The wrapper is for freestyle only: as a Pipeline step ({@code wrap}) Jenkins would keep the token unencrypted
     * in the build's state. Pipeline has {@code withJamaToken}.
     */
    @Test
    void buildWrapperIsNotAPipelineStep() throws Exception {
        addCredentials(r, jama);
        WorkflowJob byClass = pipeline(
                r, "by-class", "wrap([$class: 'JamaTokenBuildWrapper', credentialsId: 'jama-api']) { echo 'x' }");
        WorkflowJob bySymbol = pipeline(r, "by-symbol", "jamaTokenWrapper(credentialsId: 'jama-api') { echo 'x' }");

        WorkflowRun wrapped = r.buildAndAssertStatus(Result.FAILURE, byClass);
        WorkflowRun called = r.buildAndAssertStatus(Result.FAILURE, bySymbol);

        r.assertLogContains(
                "no known implementation of class jenkins.tasks.SimpleBuildWrapper is named JamaTokenBuildWrapper",
                wrapped);
        r.assertLogNotContains("[Pipeline] echo", called);

        assertThat(jama.tokenRequests(), is(0));
    }

    @Test
    void buildWrapperRefusesAnExplicitZeroMinimumInsteadOfUsingTheDefault() throws Exception {
        addCredentials(r, jama);
        FreeStyleProject p = r.createFreeStyleProject("p");
        JamaTokenBuildWrapper wrapper = new JamaTokenBuildWrapper(CREDENTIALS_ID);
        wrapper.setMinimumValidityMinutes(0);
        p.getBuildWrappersList().add(wrapper);

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        assertFailedWithMessage(r, b, "The minimum validity must be between 1 and 1440 minutes, not 0.");
        assertThat(jama.tokenRequests(), is(0));
    }

    /** A blank minimum in the form means the default, not 0. */
    @Test
    void buildWrapperWithABlankMinimumUsesTheDefault() throws Exception {
        addCredentials(r, jama);
        FreeStyleProject p = r.createFreeStyleProject("p");
        p.getBuildWrappersList().add(new JamaTokenBuildWrapper(CREDENTIALS_ID));

        r.configRoundtrip(p);
        JamaTokenBuildWrapper saved = p.getBuildWrappersList().get(JamaTokenBuildWrapper.class);

        assertThat(saved.getMinimumValidityMinutes(), nullValue());
        r.buildAndAssertSuccess(p);
    }

    @Test
    void buildWrapperFailsClearlyWithoutTheCredential() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("p");
        p.getBuildWrappersList().add(new JamaTokenBuildWrapper("nowhere"));
        p.getBuildersList().add(shellOrBatch("echo never here", "echo never here"));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        assertFailedWithMessage(r, b, "Jama Connect credentials 'nowhere' were not found");
    }

    @Test
    void buildWrapperConfigRoundTrip() throws Exception {
        addCredentials(r, jama);
        FreeStyleProject p = r.createFreeStyleProject("p");
        JamaTokenBuildWrapper wrapper = new JamaTokenBuildWrapper(CREDENTIALS_ID);
        wrapper.setVariable("TOKEN");
        wrapper.setUrlVariable("SITE");
        wrapper.setMinimumValidityMinutes(20);
        p.getBuildWrappersList().add(wrapper);

        r.configRoundtrip(p);

        r.assertEqualDataBoundBeans(wrapper, p.getBuildWrappersList().get(JamaTokenBuildWrapper.class));
    }

    @Test
    void bindingInUseSecretTextsOrFiles() throws Exception {
        addCredentials(r, jama);
        FreeStyleProject p = r.createFreeStyleProject("p");
        jama.nextToken(KNOWN_TOKEN);
        p.getBuildWrappersList().add(new SecretBuildWrapper(List.of(new JamaTokenBinding(CREDENTIALS_ID))));
        p.getBuildersList().add(tokenScript());

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        String token = readWritten(p.getSomeWorkspace().child("token.txt"));
        assertThat(token, is(KNOWN_TOKEN));
        assertJamaAccepts(jama, token);
        r.assertLogContains("plain=**** url=" + jama.baseUrl(), b);
        r.assertLogContains("base64=****", b);
        assertLogHidesToken(r, b, token);

        r.configRoundtrip(p);
        r.assertEqualDataBoundBeans(
                new JamaTokenBinding(CREDENTIALS_ID),
                p.getBuildWrappersList()
                        .get(SecretBuildWrapper.class)
                        .getBindings()
                        .get(0));
    }

    @Test
    void bindingInWithCredentials() throws Exception {
        addCredentials(r, jama);
        WorkflowJob p = pipeline(r, "p", """
                withCredentials([jamaToken(credentialsId: ' jama-api ', variable: 'TOKEN', urlVariable: 'SITE')]) {
                    node {
                        %s
                    }
                }
                echo "after: ${env.TOKEN}"
                """.formatted(shOrBat("""
                        printf %s "$TOKEN" > token.txt
                        echo "token=$TOKEN site=$SITE"
                        """, """
                        (echo %TOKEN%)> token.txt
                        echo token=%TOKEN% site=%SITE%
                        """)));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        String token = readWritten(r.jenkins.getWorkspaceFor(p).child("token.txt"));
        assertJamaAccepts(jama, token);
        r.assertLogContains("token=**** site=" + jama.baseUrl(), b);
        r.assertLogContains("after: null", b);
        assertLogHidesToken(r, b, token);
    }

    @SuppressWarnings("rawtypes") // BindingStep takes a raw List<MultiBinding>
    @Test
    void bindingSnippet() throws Exception {
        JamaTokenBinding binding = new JamaTokenBinding(CREDENTIALS_ID);
        binding.setVariable("TOKEN");
        binding.setUrlVariable("SITE");

        new SnippetizerTester(r)
                .assertRoundTrip(
                        new BindingStep(List.<MultiBinding>of(binding)),
                        "withCredentials([jamaToken(credentialsId: 'jama-api', urlVariable: 'SITE', variable:"
                                + " 'TOKEN')]) {\n    // some block\n}");
    }
}
