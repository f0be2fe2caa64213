package io.jenkins.plugins.jama.binding;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentials;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The credentials drop-down and its check, as the credentials plugin's consumer guide asks: only users who may
 * configure the job (or administer Jenkins, outside a job) see the list, and it holds only Jama API clients.
 */
final class CredentialsIdField {

    private CredentialsIdField() {}

    static @NonNull ListBoxModel fill(@CheckForNull Item item, @CheckForNull String credentialsId) {
        String current = credentialsId == null ? "" : credentialsId;
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayList(item)) {
            return result.includeCurrentValue(current);
        }
        // Listed as SYSTEM, like credentials-binding: the build, not the configuring user, will use the credential.
        return result.includeEmptyValue()
                .includeMatchingAs(
                        ACL.SYSTEM2, item, JamaApiClientCredentials.class, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    static @NonNull FormValidation check(@CheckForNull Item item, @CheckForNull String value) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        if (value == null || value.isBlank()) {
            return FormValidation.error(Messages.CredentialsIdField_required());
        }
        if (value.startsWith("${") && value.endsWith("}")) {
            return FormValidation.warning(Messages.CredentialsIdField_expression());
        }
        if (CredentialsProvider.listCredentialsInItem(
                        JamaApiClientCredentials.class,
                        item,
                        ACL.SYSTEM2,
                        List.of(),
                        CredentialsMatchers.withId(value.trim()))
                .isEmpty()) {
            return FormValidation.error(Messages.CredentialsIdField_notFound(value.trim()));
        }
        return FormValidation.ok();
    }

    private static boolean mayList(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }
}
