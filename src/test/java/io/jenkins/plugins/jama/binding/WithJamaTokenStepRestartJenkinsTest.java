package io.jenkins.plugins.jama.binding;

import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.addCredentials;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.assertLogHidesToken;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.grep;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.pipeline;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.readWritten;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.shOrBat;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.writeOnAgent;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.jenkins.plugins.jama.client.TokenCache;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
        // The token cache lives as long as the JVM; a new fake Jama may reuse an earlier one's port.
        TokenCache.shared().clear();
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
                assertThat(record.getUses(), hasSize(1));
                assertThat(record.getUses().get(0).getJamaUser(), is(FakeJamaServer.USERNAME));
            });
        }
    }
}
