package io.jenkins.plugins.jama.binding;

import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.addCredentials;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.assertLogHidesToken;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.awaitRenewals;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.grep;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.pipeline;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.readWritten;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.renewals;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.shOrBat;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.writeOnAgent;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import hudson.FilePath;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class WithJamaTokenStepRestartJenkinsTest {

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void blockAndItsAuditRecordSurviveRestartAndNothingOnDiskHoldsTheTokenOrSecret() throws Throwable {
        try (FakeJamaServer jama = FakeJamaServer.http().start()) {
            sessions.then(r -> {
                addCredentials(r, jama);
                WorkflowJob p = pipeline(r, "p", """
                        withJamaToken(credentialsId: 'jama-api') {
                            node {
                                %s
                            }
                            semaphore 'restart'
                            node {
                                %s
                                %s
                            }
                        }
                        """.formatted(
                                writeOnAgent("JAMA_TOKEN", "before.txt"),
                                writeOnAgent("JAMA_TOKEN", "after.txt"),
                                shOrBat(
                                        "echo \"after restart=$JAMA_TOKEN url=$JAMA_URL\"",
                                        "echo after restart=%JAMA_TOKEN% url=%JAMA_URL%")));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                SemaphoreStep.waitForStart("restart/1", b);
            });
            sessions.then(r -> {
                WorkflowJob p = r.jenkins.getItemByFullName("p", WorkflowJob.class);
                assertThat(p, notNullValue());
                WorkflowRun b = p.getBuildByNumber(1);
                String token = readWritten(r.jenkins.getWorkspaceFor(p).child("before.txt"));
                assertThat(grep(b.getRootDir(), token), empty());
                assertThat(grep(b.getRootDir(), jama.clientSecret()), empty());

                SemaphoreStep.success("restart/1", null);
                r.assertBuildStatusSuccess(r.waitForCompletion(b));

                assertThat(readWritten(r.jenkins.getWorkspaceFor(p).child("after.txt")), is(token));
                r.assertLogContains("after restart=**** url=" + jama.baseUrl(), b);
                assertLogHidesToken(r, b, token);
                assertThat(grep(b.getRootDir(), token), empty());
                assertThat(grep(b.getRootDir(), jama.clientSecret()), empty());
                assertThat(jama.mints(), is(1));
                JamaAuditAction record = b.getAction(JamaAuditAction.class);
                assertThat(record.getTokens(), hasSize(1));
                assertThat(record.getTokens().get(0).getJamaUser(), is(FakeJamaServer.USERNAME));
            });
        }
    }

    /**
     * The step's later steps get the renewed token in their variable; with {@code withCredentials} only the file
     * follows the renewals, since credentials-binding fixes the variables when the block starts.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "withJamaToken(credentialsId: 'jama-api', tokenFileVariable: 'JAMA_TOKEN_FILE')",
                "withCredentials([jamaToken(credentialsId: 'jama-api', tokenFileVariable: 'JAMA_TOKEN_FILE')])"
            })
    void renewalResumesAfterRestartAndNoRenewedTokenReachesTheDisk(String block) throws Throwable {
        boolean variableFollowsRenewals = block.startsWith("withJamaToken");
        try (FakeJamaServer jama = FakeJamaServer.http().start()) {
            jama.expiresIn(Duration.ofSeconds(4));
            sessions.then(r -> {
                addCredentials(r, jama);
                WorkflowJob p = pipeline(r, "p", """
                        node {
                            %s {
                                %s
                                semaphore 'restart'
                                %s
                            }
                        }
                        """.formatted(
                                block,
                                shOrBat("cp \"$JAMA_TOKEN_FILE\" before.txt", "copy \"%JAMA_TOKEN_FILE%\" before.txt"),
                                shOrBat(
                                        "cp \"$JAMA_TOKEN_FILE\" after.txt\nprintf %s \"$JAMA_TOKEN\" > env.txt",
                                        "copy \"%JAMA_TOKEN_FILE%\" after.txt\r\n(echo %JAMA_TOKEN%)> env.txt")));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                SemaphoreStep.waitForStart("restart/1", b);
            });
            sessions.then(r -> {
                WorkflowJob p = r.jenkins.getItemByFullName("p", WorkflowJob.class);
                WorkflowRun b = p.getBuildByNumber(1);
                // Two renewals after the restart, so at least one is the resumed renewal's: a restart in the same
                // JVM leaves the old controller's renewal running until the resumed one replaces it.
                awaitRenewals(b, renewals(b) + 2);

                SemaphoreStep.success("restart/1", null);
                r.assertBuildStatusSuccess(r.waitForCompletion(b));

                FilePath workspace = r.jenkins.getWorkspaceFor(p);
                String before = readWritten(workspace.child("before.txt"));
                String after = readWritten(workspace.child("after.txt"));
                String variable = readWritten(workspace.child("env.txt"));
                assertThat(after, not(before));
                assertThat(variable, variableFollowsRenewals ? not(before) : is(before));
                for (String token : new String[] {before, after, variable}) {
                    assertThat(grep(b.getRootDir(), token), empty());
                    assertLogHidesToken(r, b, token);
                }
            });
        }
    }
}
