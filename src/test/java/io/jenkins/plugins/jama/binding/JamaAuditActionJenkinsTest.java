package io.jenkins.plugins.jama.binding;

import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.KNOWN_TOKEN;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.addCredentials;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.grep;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.pipeline;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.UserMode;
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
    void everyBindingOfAPipelineLeavesItsRecordAndNoTokenInBuildXml() throws Exception {
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

        List<JamaAuditAction.TokenUse> uses = b.getAction(JamaAuditAction.class).getUses();
        assertThat(uses, hasSize(3));
        assertThat(
                uses.stream().map(JamaAuditAction.TokenUse::getBinding).toList(),
                containsInAnyOrder("withJamaToken", "withJamaToken", "jamaToken"));
        JamaAuditAction.TokenUse first = uses.get(0);
        assertThat(first.getBinding(), is("withJamaToken"));
        assertThat(first.isMinted(), is(true));
        assertThat(first.getCredentialsId(), is("jama-api"));
        assertThat(first.getSite(), is(jama.baseUrl()));
        assertThat(first.getJamaUser(), is(FakeJamaServer.USERNAME));
        assertThat(first.getLicenseType(), is("NAMED"));
        assertThat(first.getUserUnknownReason(), nullValue());
        assertThat(Instant.parse(first.getExpiresAt()).isAfter(Instant.parse(first.getIssuedAt())), is(true));
        assertThat(
                uses.subList(1, 3).stream()
                        .map(JamaAuditAction.TokenUse::isMinted)
                        .toList(),
                everyItem(is(false)));
        assertThat(
                uses.stream()
                        .map(JamaAuditAction.TokenUse::getIssuedAt)
                        .distinct()
                        .toList(),
                is(List.of(first.getIssuedAt())));
        // One mint and one user lookup serve all three bindings: the user is cached with the token.
        assertThat(jama.mints(), is(1));
        assertThat(jama.userRequests(), is(1));
        assertThat(grep(b.getRootDir(), KNOWN_TOKEN), empty());
        assertThat(grep(b.getRootDir(), jama.clientSecret()), empty());
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
        assertThat(record.toString(), record.get("uses"), instanceOf(JSONArray.class));
        JSONArray uses = record.getJSONArray("uses");
        assertThat(record.toString(), uses.size(), is(1));
        JSONObject use = uses.getJSONObject(0);
        assertThat(use.getString("credentialsId"), is("jama-api"));
        assertThat(use.getString("site"), is(jama.baseUrl()));
        assertThat(use.getString("binding"), is("withJamaToken"));
        assertThat(use.getString("jamaUser"), is(FakeJamaServer.USERNAME));
        assertThat(use.getString("licenseType"), is("NAMED"));
        assertThat(use.getBoolean("minted"), is(true));
        assertThat(
                use.getString("expiresAt"),
                is(b.getAction(JamaAuditAction.class).getUses().get(0).getExpiresAt()));
        assertThat(build.toString(), not(containsString(jama.lastIssuedToken())));

        JSONObject tree = web.getJSON(b.getUrl() + "api/json?tree=actions[uses[jamaUser,site]]")
                .getJSONObject();
        assertThat(tree.toString(), containsString("\"jamaUser\":\"" + FakeJamaServer.USERNAME + "\""));

        HtmlPage buildPage = web.getPage(b);
        assertThat(buildPage.asNormalizedText(), containsString("Jama Connect: one token binding as jenkins-service."));
        HtmlPage recordPage = web.getPage(b, "jama");
        String table = recordPage.asNormalizedText();
        assertThat(table, containsString(FakeJamaServer.USERNAME));
        assertThat(table, containsString(jama.baseUrl()));
        assertThat(table, containsString("minted"));
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
                b.getAction(JamaAuditAction.class).getUses().get(0);
        assertThat(use.getJamaUser(), nullValue());
        assertThat(use.getUserUnknownReason(), containsString("not permitted"));
        assertThat(b.getAction(JamaAuditAction.class).getSummary(), containsString("an unknown Jama user"));
    }
}
