package io.jenkins.plugins.jama.binding;

import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.KNOWN_TOKEN;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.addCredentials;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.grep;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.pipeline;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.UserMode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class JamaAuditActionJenkinsTest {

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
        this.jama = jama;
        addCredentials(r, jama);
    }

    @Test
    void blocksThatShareATokenShareItsRowAndNoTokenIsInBuildXml() throws Exception {
        jama.nextToken(KNOWN_TOKEN);
        WorkflowJob p = pipeline(r, "p", """
                withJamaToken(credentialsId: 'jama-api') {
                    echo 'step'
                }
                parallel one: {
                    withCredentials([jamaToken(credentialsId: 'jama-api', variable: 'T1')]) {
                        echo 'one'
                    }
                }, two: {
                    withJamaToken(credentialsId: 'jama-api', variable: 'T2') {
                        echo 'two'
                    }
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        List<JamaAuditAction.TokenUse> tokens =
                b.getAction(JamaAuditAction.class).getTokens();
        assertThat(tokens, hasSize(1));
        JamaAuditAction.TokenUse token = tokens.get(0);
        assertThat(token.getBlocks(), is(3));
        assertThat(token.getRenewals(), is(0));
        assertThat(token.getBindings(), is(List.of("jamaToken", "withJamaToken")));
        assertThat(token.isMinted(), is(true));
        assertThat(token.getCredentialsId(), is("jama-api"));
        assertThat(token.getSite(), is(jama.baseUrl()));
        assertThat(token.getJamaUser(), is(FakeJamaServer.USERNAME));
        assertThat(token.getLicenseType(), is("NAMED"));
        assertThat(token.getUserUnknownReason(), nullValue());
        assertThat(Instant.parse(token.getExpiresAt()).isAfter(Instant.parse(token.getIssuedAt())), is(true));
        assertThat(Instant.parse(token.getLastUsedAt()).isAfter(Instant.parse(token.getFirstUsedAt())), is(true));
        // One mint and one user lookup serve all three blocks: the user is cached with the token.
        assertThat(jama.mints(), is(1));
        assertThat(jama.userRequests(), is(1));
        assertThat(grep(b.getRootDir(), KNOWN_TOKEN), empty());
        assertThat(grep(b.getRootDir(), jama.clientSecret()), empty());
    }

    /**
     * A build that loops over Jama items with one block per item is an ordinary use: its record must not grow with the
     * number of blocks, and must stay out of {@code build.xml}, which Pipeline saves at every step.
     */
    @Test
    void moreBlocksOnOneTokenAddNothingToBuildXmlNorToTheRecord() throws Exception {
        WorkflowJob p = pipeline(r, "p", """
                for (int i = 0; i < Integer.parseInt(params.BLOCKS); i++) {
                    withJamaToken(credentialsId: 'jama-api') { echo 'block' }
                    withCredentials([jamaToken(credentialsId: 'jama-api')]) { echo 'block' }
                }
                """);
        p.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("BLOCKS", "1")));
        r.buildAndAssertSuccess(p); // mints the token the builds below reuse

        WorkflowRun two = r.assertBuildStatusSuccess(p.scheduleBuild2(0, blocks(1)));
        WorkflowRun forty = r.assertBuildStatusSuccess(p.scheduleBuild2(0, blocks(20)));

        assertThat(
                forty.getAction(JamaAuditAction.class).getSummary(),
                is("Jama Connect: 40 blocks used one token as jenkins-service."));
        // Only digits differ, such as the block count and Pipeline's node counter.
        assertThat(grownFromTo(two, forty, "build.xml"), lessThan(32L));
        assertThat(grownFromTo(two, forty, JamaAuditAction.FILE), lessThan(32L));
        assertThat(
                Files.readString(forty.getRootDir().toPath().resolve("build.xml")),
                not(containsString(jama.baseUrl())));

        // Read back from disk: the counts were saved when the build ended.
        p.getLazyBuildMixIn()._getRuns().purgeCache();
        List<JamaAuditAction.TokenUse> tokens = p.getBuildByNumber(forty.getNumber())
                .getAction(JamaAuditAction.class)
                .getTokens();
        assertThat(tokens, hasSize(1));
        assertThat(tokens.get(0).getBlocks(), is(40));
        assertThat(tokens.get(0).getBindings(), is(List.of("jamaToken", "withJamaToken")));
        assertThat(tokens.get(0).isMinted(), is(false));
    }

    private static long grownFromTo(WorkflowRun before, WorkflowRun after, String file) throws IOException {
        return Files.size(after.getRootDir().toPath().resolve(file))
                - Files.size(before.getRootDir().toPath().resolve(file));
    }

    private static ParametersAction blocks(int count) {
        return new ParametersAction(new StringParameterValue("BLOCKS", String.valueOf(count)));
    }

    @Test
    void theRecordIsInTheBuildsRestApiAndOnItsPages() throws Exception {
        WorkflowJob p = pipeline(r, "p", "withJamaToken(credentialsId: 'jama-api') { echo 'hi' }");
        WorkflowRun b = r.buildAndAssertSuccess(p);
        JenkinsRule.WebClient web = r.createWebClient();

        JSONObject build = web.getJSON(b.getUrl() + "api/json").getJSONObject();
        JSONObject record = null;
        for (Object action : build.getJSONArray("actions")) {
            JSONObject json = (JSONObject) action;
            if (JamaAuditAction.class.getName().equals(json.optString("_class"))) {
                record = json;
            }
        }
        assertThat(build.toString(), record, notNullValue());
        assertThat(record.toString(), record.get("tokens"), instanceOf(JSONArray.class));
        JSONArray tokens = record.getJSONArray("tokens");
        assertThat(record.toString(), tokens.size(), is(1));
        JSONObject token = tokens.getJSONObject(0);
        assertThat(token.getString("credentialsId"), is("jama-api"));
        assertThat(token.getString("site"), is(jama.baseUrl()));
        assertThat(token.getJSONArray("bindings"), is(JSONArray.fromObject(List.of("withJamaToken"))));
        assertThat(token.getInt("blocks"), is(1));
        assertThat(token.getInt("renewals"), is(0));
        assertThat(token.getString("jamaUser"), is(FakeJamaServer.USERNAME));
        assertThat(token.getString("licenseType"), is("NAMED"));
        assertThat(token.getBoolean("minted"), is(true));
        JamaAuditAction.TokenUse recorded =
                b.getAction(JamaAuditAction.class).getTokens().get(0);
        assertThat(token.getString("expiresAt"), is(recorded.getExpiresAt()));
        assertThat(token.getString("firstUsedAt"), is(recorded.getFirstUsedAt()));
        assertThat(token.getString("lastUsedAt"), is(recorded.getLastUsedAt()));
        assertThat(build.toString(), not(containsString(jama.lastIssuedToken())));

        JSONObject tree = web.getJSON(b.getUrl() + "api/json?tree=actions[tokens[jamaUser,site]]")
                .getJSONObject();
        assertThat(tree.toString(), containsString("\"jamaUser\":\"" + FakeJamaServer.USERNAME + "\""));

        HtmlPage buildPage = web.getPage(b);
        assertThat(
                buildPage.asNormalizedText(),
                containsString("Jama Connect: one block used one token as jenkins-service."));
        HtmlPage recordPage = web.getPage(b, "jama");
        String table = recordPage.asNormalizedText();
        assertThat(table, containsString(FakeJamaServer.USERNAME));
        assertThat(table, containsString(jama.baseUrl()));
        assertThat(table, containsString("minted"));
        assertThat(table, containsString("one block started with it"));
        assertThat(table, not(containsString(jama.lastIssuedToken())));
    }

    @Test
    void aFailedUserLookupStillBindsAndRecordsWhyTheUserIsUnknown() throws Exception {
        jama.userMode(UserMode.FORBIDDEN_NOT_PERMITTED);
        WorkflowJob p = pipeline(r, "p", "withJamaToken(credentialsId: 'jama-api') { echo 'bound' }");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("minted for an unknown Jama user", b);
        r.assertLogContains("The Jama user could not be looked up: ", b);
        JamaAuditAction.TokenUse use =
                b.getAction(JamaAuditAction.class).getTokens().get(0);
        assertThat(use.getJamaUser(), nullValue());
        assertThat(use.getUserUnknownReason(), containsString("not permitted"));
        assertThat(b.getAction(JamaAuditAction.class).getSummary(), containsString("an unknown Jama user"));
    }
}
