package io.jenkins.plugins.jama.binding;

import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.addCredentials;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.assertLogHidesToken;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.await;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.awaitRenewals;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.pipeline;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.readWritten;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.renewals;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.shOrBat;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.shellOrBatch;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.FilePath;
import hudson.Functions;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.TokenMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import jenkins.security.MasterToSlaveCallable;
import org.apache.commons.lang3.StringUtils;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Blocks that outlive their token. The fake Jama issues 4-second tokens, so the renewal schedule (renew at half of
 * such a short life) renews every 2 seconds; the tests wait for renewals to happen, never for time to pass.
 */
@WithJenkins
class JamaTokenRenewalJenkinsTest {

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final FakeJamaExtension fakeJama = new FakeJamaExtension();

    private JenkinsRule r;
    private FakeJamaServer jama;

    @BeforeEach
    void beforeEach(JenkinsRule rule, FakeJamaServer jama) throws Exception {
        r = rule;
        this.jama = jama.expiresIn(Duration.ofSeconds(4));
        addCredentials(r, jama);
    }

    @Test
    void aBlockOutlivesTwoTokensAndItsFileAndLaterStepsGetTheNewOne() throws Exception {
        DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
        WorkflowJob p = pipeline(r, "p", """
                node('remote') {
                    withJamaToken(credentialsId: 'jama-api', tokenFileVariable: 'JAMA_TOKEN_FILE') {
                        %s
                        semaphore 'renewed'
                        %s
                    }
                }
                """.formatted(shOrBat("""
                                cp "$JAMA_TOKEN_FILE" before.txt
                                printf %s "$JAMA_TOKEN_FILE" > path.txt
                                ls -ld "$(dirname "$JAMA_TOKEN_FILE")" | cut -c1-10 > folder-mode.txt
                                echo "file holds $(cat "$JAMA_TOKEN_FILE")"
                                """, """
                                copy "%JAMA_TOKEN_FILE%" before.txt
                                (echo %JAMA_TOKEN_FILE%)> path.txt
                                """), shOrBat("""
                                cp "$JAMA_TOKEN_FILE" after.txt
                                printf %s "$JAMA_TOKEN" > env.txt
                                echo "file holds $(cat "$JAMA_TOKEN_FILE") and the variable $JAMA_TOKEN"
                                """, """
                                copy "%JAMA_TOKEN_FILE%" after.txt
                                (echo %JAMA_TOKEN%)> env.txt
                                """)));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("renewed/1", b);
        awaitRenewals(b, 2);
        SemaphoreStep.success("renewed/1", null);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));

        FilePath workspace = agent.getWorkspaceFor(p);
        String before = readWritten(workspace.child("before.txt"));
        String after = readWritten(workspace.child("after.txt"));
        String variable = readWritten(workspace.child("env.txt"));
        assertThat(before, startsWith("fake."));
        assertThat(after, startsWith("fake."));
        assertThat(after, not(before));
        assertThat(variable, not(before));
        assertThat(jama.mints(), greaterThanOrEqualTo(3));
        r.assertLogContains("renewed for the rest of the block: minted, valid until", b);
        for (String token : new String[] {before, after, variable}) {
            assertLogHidesToken(r, b, token);
        }
        if (!Functions.isWindows()) {
            r.assertLogContains("file holds ****", b);
            r.assertLogContains("and the variable ****", b);
            assertThat(readWritten(workspace.child("folder-mode.txt")), is("drwx------"));
        }
        FilePath tokenFile = new FilePath(agent.getChannel(), readWritten(workspace.child("path.txt")));
        assertThat(tokenFile.exists(), is(false));
        assertThat(tokenFile.getParent().exists(), is(false));
        assertThat(renewals(b), greaterThanOrEqualTo(2));
        // Each renewal minted a token of its own: one row each, after the first token's.
        assertThat(b.getAction(JamaAuditAction.class).getTokens(), hasSize(1 + renewals(b)));
    }

    @Test
    void aWithCredentialsBlockWithATokenFileRenewsItAndMasksWhatTheFileHeldOnTheAgent() throws Exception {
        DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
        WorkflowJob p = pipeline(r, "p", """
                node('remote') {
                    withCredentials([jamaToken(credentialsId: 'jama-api', tokenFileVariable: 'JAMA_TOKEN_FILE')]) {
                        %s
                        semaphore 'renewed'
                        %s
                    }
                }
                """.formatted(shOrBat("""
                                cp "$JAMA_TOKEN_FILE" before.txt
                                printf %s "$JAMA_TOKEN_FILE" > path.txt
                                """, """
                                copy "%JAMA_TOKEN_FILE%" before.txt
                                (echo %JAMA_TOKEN_FILE%)> path.txt
                                """), shOrBat("""
                                cp "$JAMA_TOKEN_FILE" after.txt
                                echo "file holds $(cat "$JAMA_TOKEN_FILE")"
                                echo "in Base64 $(base64 < "$JAMA_TOKEN_FILE")"
                                """, """
                                copy "%JAMA_TOKEN_FILE%" after.txt
                                type "%JAMA_TOKEN_FILE%"
                                """)));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("renewed/1", b);
        awaitRenewals(b, 2);
        SemaphoreStep.success("renewed/1", null);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));

        FilePath workspace = agent.getWorkspaceFor(p);
        String before = readWritten(workspace.child("before.txt"));
        String after = readWritten(workspace.child("after.txt"));
        assertThat(after, not(before));
        assertLogHidesToken(r, b, before);
        assertLogHidesToken(r, b, after);
        if (!Functions.isWindows()) {
            r.assertLogContains("file holds ****", b);
            r.assertLogContains("in Base64 ****", b);
        }
        FilePath tokenFile = new FilePath(agent.getChannel(), readWritten(workspace.child("path.txt")));
        assertThat(tokenFile.getParent().exists(), is(false));
        assertThat(b.getAction(JamaAuditAction.class).getTokens().get(0).getBindings(), is(List.of("jamaToken")));
    }

    @Test
    void aStepRunningAcrossARenewalHasTheNewTokenMaskedToo() throws Exception {
        assumeFalse(Functions.isWindows(), "the script waits for the file to change with a POSIX shell loop");
        DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
        WorkflowJob p = pipeline(r, "p", """
                node('remote') {
                    withJamaToken(credentialsId: 'jama-api', tokenFileVariable: 'JAMA_TOKEN_FILE') {
                        sh '''
                            first=$(cat "$JAMA_TOKEN_FILE")
                            echo "first=$first"
                            while [ "$(cat "$JAMA_TOKEN_FILE")" = "$first" ]; do sleep 0.1; done
                            second=$(cat "$JAMA_TOKEN_FILE")
                            echo "second=$second"
                            echo "second in Base64=$(printf %s "$second" | base64 -w0)"
                            printf %s "$first" > first.txt
                            printf %s "$second" > second.txt
                        '''
                    }
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        String first = readWritten(agent.getWorkspaceFor(p).child("first.txt"));
        String second = readWritten(agent.getWorkspaceFor(p).child("second.txt"));
        assertThat(second, not(first));
        r.assertLogContains("first=****", b);
        r.assertLogContains("second=****", b);
        r.assertLogContains("second in Base64=****", b);
        assertLogHidesToken(r, b, first);
        assertLogHidesToken(r, b, second);
    }

    @Test
    void theTokenFileIsGoneAfterAFailedBlock() throws Exception {
        WorkflowJob p = pipeline(r, "p", """
                node {
                    withJamaToken(credentialsId: 'jama-api', tokenFileVariable: 'JAMA_TOKEN_FILE') {
                        writeFile file: 'path.txt', text: env.JAMA_TOKEN_FILE
                        error 'the tests failed'
                    }
                }
                """);

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        assertTokenFileGone(r.jenkins.getWorkspaceFor(p));
        r.assertLogContains("the tests failed", b);
    }

    @Test
    void theTokenFileIsGoneAfterAnAbortedBlock() throws Exception {
        WorkflowJob p = pipeline(r, "p", """
                node {
                    withJamaToken(credentialsId: 'jama-api', tokenFileVariable: 'JAMA_TOKEN_FILE') {
                        writeFile file: 'path.txt', text: env.JAMA_TOKEN_FILE
                        semaphore 'abort'
                    }
                }
                """);
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("abort/1", b);

        b.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertTokenFileGone(r.jenkins.getWorkspaceFor(p));
    }

    @Test
    void aFailedRenewalIsLoggedOnceAndTheBlockGoesOnUntilJamaIsBack() throws Exception {
        WorkflowJob p = pipeline(r, "p", """
                withJamaToken(credentialsId: 'jama-api') {
                    semaphore 'outage'
                    echo 'block finished'
                }
                """);
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("outage/1", b);
        int requestsBefore = jama.tokenRequests();

        jama.tokenMode(TokenMode.INVALID_CLIENT);
        await(() -> jama.tokenRequests() >= requestsBefore + 3, "three failed renewals");
        jama.tokenMode(TokenMode.TOKEN_2024);
        awaitRenewals(b, 1);
        SemaphoreStep.success("outage/1", null);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        String log = JenkinsRule.getLog(b);
        assertThat(log, StringUtils.countMatches(log, "Could not renew the Jama Connect token"), is(1));
        r.assertLogContains(
                "Could not renew the Jama Connect token for credentials 'jama-api': Jama at " + jama.baseUrl(), b);
        r.assertLogContains("The block keeps its current token", b);
        r.assertLogContains("renewed for the rest of the block", b);
        r.assertLogNotContains(jama.clientSecret(), b);
    }

    @Test
    void theFreestyleWrapperRenewsForTheWholeBuildAndDeletesItsFile() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("p");
        JamaTokenBuildWrapper wrapper = new JamaTokenBuildWrapper(JamaTokenJenkinsTestSupport.CREDENTIALS_ID);
        wrapper.setTokenFileVariable("JAMA_TOKEN_FILE");
        p.getBuildWrappersList().add(wrapper);
        p.getBuildersList()
                .add(shellOrBatch(
                        "cp \"$JAMA_TOKEN_FILE\" before.txt\nprintf %s \"$JAMA_TOKEN_FILE\" > path.txt",
                        "copy \"%JAMA_TOKEN_FILE%\" before.txt\r\n(echo %JAMA_TOKEN_FILE%)> path.txt"));
        p.getBuildersList().add(new TestBuilder() {
            @Override
            public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                    throws InterruptedException {
                awaitRenewals(build, 1);
                return true;
            }
        });
        p.getBuildersList()
                .add(shellOrBatch(
                        "cp \"$JAMA_TOKEN_FILE\" after.txt\nprintf %s \"$JAMA_TOKEN\" > env.txt\n"
                                + "echo \"file holds $(cat \"$JAMA_TOKEN_FILE\") and the variable $JAMA_TOKEN\"",
                        "copy \"%JAMA_TOKEN_FILE%\" after.txt\r\n(echo %JAMA_TOKEN%)> env.txt"));

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        FilePath workspace = p.getSomeWorkspace();
        String before = readWritten(workspace.child("before.txt"));
        String after = readWritten(workspace.child("after.txt"));
        String variable = readWritten(workspace.child("env.txt"));
        assertThat(after, not(before));
        assertThat(variable, not(before));
        for (String token : new String[] {before, after, variable}) {
            assertLogHidesToken(r, b, token);
        }
        if (!Functions.isWindows()) {
            r.assertLogContains("file holds **** and the variable ****", b);
        }
        assertTokenFileGone(workspace);
    }

    /** A hard kill ends the build without ending its blocks: their renewal must stop by itself. */
    @Test
    void aRenewalWhoseBuildWasKilledInsideItsBlockStopsInsteadOfMinting() throws Exception {
        WorkflowJob p = pipeline(r, "p", """
                node {
                    withJamaToken(credentialsId: 'jama-api', tokenFileVariable: 'JAMA_TOKEN_FILE') {
                        writeFile file: 'path.txt', text: env.JAMA_TOKEN_FILE
                        semaphore 'kill'
                    }
                }
                """);
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("kill/1", b);
        FilePath workspace = r.jenkins.getWorkspaceFor(p);
        FilePath tokenFolder =
                new FilePath(workspace.getChannel(), readWritten(workspace.child("path.txt"))).getParent();

        b.doKill();
        r.waitForCompletion(b);
        int mintsAtTheEnd = jama.mints();
        await(() -> !exists(tokenFolder), "token folder removed by the stopped renewal");

        assertThat(jama.mints(), is(mintsAtTheEnd));
    }

    /**
     * A step on an agent that prints all along while its block's token is renewed, and prints the new token as soon as
     * it sees it in the file: that line is masked, though the step's log filters look at the mask file at most once a
     * second, because the controller writes a renewed token to the file only after that second.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "withJamaToken(credentialsId: 'jama-api', tokenFileVariable: 'F')",
                "withCredentials([jamaToken(credentialsId: 'jama-api', tokenFileVariable: 'F')])"
            })
    void aStepPrintingOnTheAgentAcrossARenewalPrintsTheNewTokenMasked(String block) throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        WorkflowJob p = pipeline(r, "p", "node('remote') { " + block + " { printUntilRenewed(env.F) } }");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("waiting for a renewal", b);
        r.assertLogContains("renewed: ****", b);
        r.assertLogNotContains("renewed: fake.", b);
    }

    /** {@code printUntilRenewed(path)}: on the agent, prints a line every 10 ms until the file changes, then the file. */
    public static final class PrintUntilRenewedStep extends Step {

        private final String file;

        @DataBoundConstructor
        public PrintUntilRenewedStep(String file) {
            this.file = file;
        }

        @Override
        public StepExecution start(StepContext context) {
            return new Execution(context, file);
        }

        private static final class Execution extends SynchronousNonBlockingStepExecution<Void> {

            private static final long serialVersionUID = 1L;

            private final String file;

            Execution(StepContext context, String file) {
                super(context);
                this.file = file;
            }

            @Override
            protected Void run() throws Exception {
                return getContext()
                        .get(FilePath.class)
                        .getChannel()
                        .call(new PrintUntilRenewed(getContext().get(TaskListener.class), file));
            }
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(FilePath.class, TaskListener.class);
            }

            @Override
            public String getFunctionName() {
                return "printUntilRenewed";
            }
        }
    }

    /** Runs on the agent, where the step's log filters are the ones an agent gets. */
    private static final class PrintUntilRenewed extends MasterToSlaveCallable<Void, IOException> {

        private static final long serialVersionUID = 1L;

        private final TaskListener listener;
        private final String file;

        PrintUntilRenewed(TaskListener listener, String file) {
            this.listener = listener;
            this.file = file;
        }

        @Override
        public Void call() throws IOException {
            Path tokenFile = Path.of(file);
            String first = Files.readString(tokenFile);
            PrintStream log = listener.getLogger();
            for (String now = first; now.equals(first); now = Files.readString(tokenFile)) {
                log.println("waiting for a renewal");
                try {
                    Thread.sleep(10); // the pace of a chatty step, not a wait for time to pass
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            log.println("renewed: " + Files.readString(tokenFile));
            log.flush();
            return null;
        }
    }

    private static boolean exists(FilePath file) {
        try {
            return file.exists();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertTokenFileGone(FilePath workspace) throws Exception {
        FilePath tokenFile = new FilePath(workspace.getChannel(), readWritten(workspace.child("path.txt")));
        assertThat(tokenFile.getRemote(), tokenFile.getParent().exists(), is(false));
    }
}
