package io.jenkins.plugins.jama.binding;

import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.addCredentials;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.assertLogHidesToken;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.awaitRenewals;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.grep;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.pipeline;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.readWritten;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.FilePath;
import hudson.Functions;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Run;
import hudson.slaves.DumbSlave;
import hudson.tasks.BuildWrapper;
import hudson.tasks.Shell;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every way to bind a token × every way a build may print one: no token reaches the log or the build directory. The
 * fake Jama issues 4-second tokens, renewed every 2 seconds, so each build sees a first token and a renewed one. Each
 * build prints them: on the controller, from a step on an agent, from the token file after a renewal, and from a step
 * that runs across a renewal; it also writes both to files on the agent, which is how the test learns them.
 */
@WithJenkins
class TokenMaskingMatrixJenkinsTest {

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final FakeJamaExtension fakeJama = new FakeJamaExtension();

    private JenkinsRule r;
    private DumbSlave agent;

    /** Shell lines each build runs on the agent, with the token in {@code $T} and its file in {@code $F}. */
    private static final String ON_THE_AGENT = """
            echo "agent: $T"
            printf %s "$T" > first.txt
            """;

    private static final String ACROSS_A_RENEWAL = """
            first=$(cat "$F")
            while [ "$(cat "$F")" = "$first" ]; do echo "waiting for a renewal"; sleep 0.1; done
            echo "across a renewal: $(cat "$F")"
            cat "$F" > renewed.txt
            """;

    private static final String FILE_AFTER_RENEWAL = """
            echo "file after a renewal: $(cat "$F")"
            echo "in Base64: $(base64 < "$F")"
            """;

    /**
     * {@code variableIsFixed}: credentials-binding fixes a {@code withCredentials} block's variables when it starts, so
     * only the first token is a sensitive variable's value there. A renewed token that a script reads from the file and
     * passes to a step as an argument ({@code echo "${readFile(...)}"}) is then stored with that step in the build's
     * flow nodes, as any secret a script reads from a file would be: the log still hides it.
     */
    enum EntryPoint {
        WITH_JAMA_TOKEN("withJamaToken(credentialsId: 'jama-api', tokenFileVariable: 'F', variable: 'T')", false),
        WITH_CREDENTIALS(
                "withCredentials([jamaToken(credentialsId: 'jama-api', variable: 'T', tokenFileVariable: 'F')])", true),
        DECLARATIVE(null, true),
        FREESTYLE_WRAPPER(null, false),
        FREESTYLE_SECRET_TEXTS(null, false);

        final String block;
        final boolean variableIsFixed;

        EntryPoint(String block, boolean variableIsFixed) {
            this.block = block;
            this.variableIsFixed = variableIsFixed;
        }
    }

    @BeforeEach
    void beforeEach(JenkinsRule rule, FakeJamaServer jama) throws Exception {
        assumeFalse(Functions.isWindows(), "the builds wait for the token file to change with a POSIX shell loop");
        r = rule;
        jama.expiresIn(Duration.ofSeconds(4));
        addCredentials(r, jama);
        agent = r.createOnlineSlave(Label.get("remote"));
    }

    @ParameterizedTest
    @EnumSource(EntryPoint.class)
    void noTokenReachesTheLogOrTheBuildDirectory(EntryPoint entryPoint) throws Exception {
        Run<?, ?> b;
        FilePath workspace;
        switch (entryPoint) {
            case FREESTYLE_WRAPPER, FREESTYLE_SECRET_TEXTS -> {
                FreeStyleProject p = freestyle(entryPoint);
                b = r.buildAndAssertSuccess(p);
                workspace = agent.getWorkspaceFor(p);
            }
            default -> {
                WorkflowJob p =
                        pipeline(r, "p", entryPoint == EntryPoint.DECLARATIVE ? declarative() : scripted(entryPoint));
                b = r.buildAndAssertSuccess(p);
                workspace = agent.getWorkspaceFor(p);
            }
        }

        String first = readWritten(workspace.child("first.txt"));
        String renewed = readWritten(workspace.child("renewed.txt"));
        assertThat(first, startsWith("fake."));
        assertThat(renewed, startsWith("fake."));
        assertThat(renewed, not(first));
        for (String line : List.of(
                "controller: ****",
                "agent: ****",
                "across a renewal: ****",
                "file after a renewal: ****",
                "in Base64: ****",
                "controller after a renewal: ****")) {
            r.assertLogContains(line, b);
        }
        assertLogHidesToken(r, b, first);
        assertLogHidesToken(r, b, renewed);
        assertThat(grep(b.getRootDir(), first), empty());
        assertThat(
                grep(b.getRootDir(), renewed),
                entryPoint.variableIsFixed ? contains("workflow-completed/flowNodeStore.xml") : empty());
    }

    private static String scripted(EntryPoint entryPoint) {
        return """
                node('remote') {
                    %s {
                        echo "controller: ${env.T}"
                        sh '''%s'''
                        sh '''%s'''
                        sh '''%s'''
                        echo "controller after a renewal: ${readFile(env.F)}"
                    }
                }
                """.formatted(entryPoint.block, ON_THE_AGENT, ACROSS_A_RENEWAL, FILE_AFTER_RENEWAL);
    }

    /** Declarative binds {@code T}, {@code T_URL} and, where there is a workspace, {@code T_FILE}. */
    private static String declarative() {
        return """
                pipeline {
                    agent { label 'remote' }
                    environment {
                        T = credentials('jama-api')
                    }
                    stages {
                        stage('print') {
                            steps {
                                echo "controller: ${env.T}"
                                sh '''F="$T_FILE"
                %s'''
                                sh '''F="$T_FILE"
                %s'''
                                sh '''F="$T_FILE"
                %s'''
                                echo "controller after a renewal: ${readFile(env.T_FILE)}"
                            }
                        }
                    }
                }
                """.formatted(ON_THE_AGENT, ACROSS_A_RENEWAL, FILE_AFTER_RENEWAL);
    }

    private FreeStyleProject freestyle(EntryPoint entryPoint) throws IOException {
        FreeStyleProject p = r.createFreeStyleProject("p");
        p.setAssignedLabel(Label.get("remote"));
        BuildWrapper wrapper;
        if (entryPoint == EntryPoint.FREESTYLE_WRAPPER) {
            JamaTokenBuildWrapper jamaWrapper = new JamaTokenBuildWrapper("jama-api");
            jamaWrapper.setVariable("T");
            jamaWrapper.setTokenFileVariable("F");
            wrapper = jamaWrapper;
        } else {
            JamaTokenBinding binding = new JamaTokenBinding("jama-api");
            binding.setVariable("T");
            binding.setTokenFileVariable("F");
            wrapper = new SecretBuildWrapper(List.of(binding));
        }
        p.getBuildWrappersList().add(wrapper);
        p.getBuildersList().add(new PrintOnTheController("controller: ", false));
        p.getBuildersList().add(new Shell(ON_THE_AGENT));
        p.getBuildersList().add(new Shell(ACROSS_A_RENEWAL));
        p.getBuildersList().add(new Shell(FILE_AFTER_RENEWAL));
        p.getBuildersList().add(new PrintOnTheController("controller after a renewal: ", true));
        return p;
    }

    /** A freestyle step that prints on the controller what a careless plugin might: the variable, or the file. */
    private static final class PrintOnTheController extends TestBuilder {

        private final String label;
        private final boolean fromTheFile;

        PrintOnTheController(String label, boolean fromTheFile) {
            this.label = label;
            this.fromTheFile = fromTheFile;
        }

        @Override
        public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                throws InterruptedException, IOException {
            awaitRenewals(build, fromTheFile ? 1 : 0);
            String value = fromTheFile
                    ? new FilePath(
                                    launcher.getChannel(),
                                    build.getEnvironment(listener).get("F"))
                            .readToString()
                    : build.getEnvironment(listener).get("T");
            listener.getLogger().println(label + value);
            return true;
        }
    }
}
