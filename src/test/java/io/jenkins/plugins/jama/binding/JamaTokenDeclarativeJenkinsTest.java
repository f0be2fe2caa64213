package io.jenkins.plugins.jama.binding;

import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.addCredentials;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.assertJamaAccepts;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.assertLogHidesToken;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.awaitRenewals;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.pipeline;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.readWritten;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.shOrBat;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import hudson.FilePath;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class JamaTokenDeclarativeJenkinsTest {

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
    void credentialsInEnvironmentBindTokenAndUrl() throws Exception {
        addCredentials(r, jama);
        WorkflowJob p = pipeline(r, "p", """
                pipeline {
                    agent any
                    environment {
                        JAMA = credentials('jama-api')
                    }
                    stages {
                        stage('call Jama') {
                            steps {
                                script {
                                    %s
                                }
                            }
                        }
                    }
                }
                """.formatted(shOrBat("""
                        printf %s "$JAMA" > token.txt
                        echo "token=$JAMA url=$JAMA_URL"
                        """, """
                        (echo %JAMA%)> token.txt
                        echo token=%JAMA% url=%JAMA_URL%
                        """)));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        String token = readWritten(r.jenkins.getWorkspaceFor(p).child("token.txt"));
        assertThat(token, startsWith("fake."));
        assertJamaAccepts(jama, token);
        r.assertLogContains("token=**** url=" + jama.baseUrl(), b);
        assertLogHidesToken(r, b, token);
        JamaAuditAction.TokenUse use =
                b.getAction(JamaAuditAction.class).getTokens().get(0);
        assertThat(use.getBindings(), is(List.of("jamaToken")));
        assertThat(use.getJamaUser(), is(FakeJamaServer.USERNAME));
    }

    /**
     * An {@code environment} block spans the whole run: {@code JAMA} is fixed when it starts, but {@code JAMA_FILE}
     * always holds a valid token, also in a stage after two renewals.
     */
    @Test
    void aLaterStageReadsARenewedTokenFromTheFile() throws Exception {
        jama.expiresIn(Duration.ofSeconds(4));
        addCredentials(r, jama);
        WorkflowJob p = pipeline(r, "p", """
                pipeline {
                    agent any
                    environment {
                        JAMA = credentials('jama-api')
                    }
                    stages {
                        stage('first') {
                            steps {
                                writeFile file: 'first.txt', text: readFile(env.JAMA_FILE)
                            }
                        }
                        stage('long') {
                            steps {
                                semaphore 'long'
                            }
                        }
                        stage('last') {
                            steps {
                                writeFile file: 'last.txt', text: readFile(env.JAMA_FILE)
                                writeFile file: 'variable.txt', text: env.JAMA
                            }
                        }
                    }
                }
                """);

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        SemaphoreStep.waitForStart("long/1", b);
        awaitRenewals(b, 2);
        SemaphoreStep.success("long/1", null);
        r.assertBuildStatusSuccess(r.waitForCompletion(b));

        FilePath workspace = r.jenkins.getWorkspaceFor(p);
        String first = readWritten(workspace.child("first.txt"));
        String last = readWritten(workspace.child("last.txt"));
        assertThat(last, startsWith("fake."));
        assertThat(last, not(first));
        assertThat(readWritten(workspace.child("variable.txt")), is(first));
        assertJamaAccepts(jama, last);
        assertLogHidesToken(r, b, first);
        assertLogHidesToken(r, b, last);
    }

    @Test
    void withJamaTokenStepInDeclarative() throws Exception {
        addCredentials(r, jama);
        WorkflowJob p = pipeline(r, "p", """
                pipeline {
                    agent any
                    stages {
                        stage('call Jama') {
                            steps {
                                withJamaToken(credentialsId: 'jama-api') {
                                    script {
                                        %s
                                    }
                                }
                            }
                        }
                    }
                }
                """.formatted(shOrBat("""
                        printf %s "$JAMA_TOKEN" > token.txt
                        echo "token=$JAMA_TOKEN url=$JAMA_URL"
                        """, """
                        (echo %JAMA_TOKEN%)> token.txt
                        echo token=%JAMA_TOKEN% url=%JAMA_URL%
                        """)));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        String token = readWritten(r.jenkins.getWorkspaceFor(p).child("token.txt"));
        assertJamaAccepts(jama, token);
        r.assertLogContains("token=**** url=" + jama.baseUrl(), b);
        assertLogHidesToken(r, b, token);
    }
}
