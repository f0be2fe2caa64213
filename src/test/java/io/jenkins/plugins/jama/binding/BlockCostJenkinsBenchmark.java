package io.jenkins.plugins.jama.binding;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Result;
import hudson.model.queue.QueueTaskFuture;
import hudson.util.Secret;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentialsImpl;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import jenkins.benchmark.jmh.JmhBenchmarkState;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one block costs a Pipeline build when the token is cached: a bare {@code echo}, the same {@code echo} inside
 * credentials-binding's {@code withCredentials([string])}, inside {@code withJamaToken} and inside
 * {@code withCredentials([jamaToken])}. Each iteration runs a new build that waits at a gate between blocks; the
 * blocks before {@link BuildState#block} run in the iteration's setup, so the measured blocks are the first ones of a
 * build, or the 600th and after.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 8, time = 5)
public class BlockCostJenkinsBenchmark {

    private static final Map<String, String> BLOCKS = Map.of(
            "bare", "echo 'block'",
            "string", "withCredentials([string(credentialsId: 'plain', variable: 'SECRET')]) { echo 'block' }",
            "withJamaToken", "withJamaToken(credentialsId: 'jama-api') { echo 'block' }",
            "jamaToken", "withCredentials([jamaToken(credentialsId: 'jama-api')]) { echo 'block' }");

    /** A Jenkins with a fake Jama, a Jama credential and a secret text; one per parameter combination. */
    public static class BuildState extends JmhBenchmarkState {

        @Param({"bare", "string", "withJamaToken", "jamaToken"})
        public String kind;

        /** The number of the first measured block in its build. */
        @Param({"1", "600"})
        public int block;

        private FakeJamaServer jama;
        private WorkflowJob job;
        private QueueTaskFuture<WorkflowRun> build;

        @Override
        public void setup() throws Exception {
            jama = FakeJamaServer.http().start();
            CredentialsStore store =
                    CredentialsProvider.lookupStores(getJenkins()).iterator().next();
            store.addCredentials(
                    Domain.global(),
                    new JamaApiClientCredentialsImpl(
                            CredentialsScope.GLOBAL,
                            "jama-api",
                            "fake Jama",
                            jama.baseUrl(),
                            jama.clientId(),
                            jama.clientSecret()));
            store.addCredentials(
                    Domain.global(),
                    new StringCredentialsImpl(
                            CredentialsScope.GLOBAL, "plain", "secret text", Secret.fromString("plain-s3cr3t-value")));
            WorkflowJob mint = getJenkins().createProject(WorkflowJob.class, "mint");
            mint.setDefinition(
                    new CpsFlowDefinition("withJamaToken(credentialsId: 'jama-api') { echo 'minted' }", true));
            expectSuccess(mint.scheduleBuild2(0));
            job = getJenkins().createProject(WorkflowJob.class, "blocks");
            job.setDefinition(new CpsFlowDefinition(
                    "import " + Gate.class.getName().replace('$', '.') + "\nwhile (Gate.next()) {\n" + BLOCKS.get(kind)
                            + "\n}",
                    false));
        }

        @Setup(Level.Iteration)
        public void startBuild() throws Exception {
            build = job.scheduleBuild2(0);
            build.waitForStart();
            Gate.awaitBuild();
            for (int i = 1; i < block; i++) {
                Gate.runBlock();
            }
        }

        @TearDown(Level.Iteration)
        public void finishBuild() throws Exception {
            Gate.finish();
            expectSuccess(build);
        }

        @Override
        public void tearDown() {
            jama.close();
        }

        private static void expectSuccess(QueueTaskFuture<WorkflowRun> build) throws Exception {
            WorkflowRun run = build.get(2, TimeUnit.MINUTES);
            if (run.getResult() != Result.SUCCESS) {
                throw new IllegalStateException(run + " ended " + run.getResult());
            }
        }
    }

    /** Where the build waits between blocks: it says it is ready, then runs one block per {@link #runBlock()}. */
    public static final class Gate {

        private static final SynchronousQueue<Boolean> READY = new SynchronousQueue<>();
        private static final SynchronousQueue<Boolean> NEXT = new SynchronousQueue<>();

        private Gate() {}

        /** Called by the build before each block; {@code false} ends the build. */
        public static boolean next() throws InterruptedException {
            READY.put(true);
            return NEXT.take();
        }

        static void awaitBuild() throws InterruptedException {
            if (READY.poll(2, TimeUnit.MINUTES) == null) {
                throw new IllegalStateException("The build did not reach its next block");
            }
        }

        static void runBlock() throws InterruptedException {
            NEXT.put(true);
            awaitBuild();
        }

        static void finish() throws InterruptedException {
            NEXT.put(false);
        }
    }

    @Benchmark
    public void block(BuildState state) throws InterruptedException {
        Gate.runBlock();
    }
}
