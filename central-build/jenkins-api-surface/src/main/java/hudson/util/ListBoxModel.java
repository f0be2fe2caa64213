package hudson.util;

import java.util.ArrayList;

/** Surface of {@code core/src/main/java/hudson/util/ListBoxModel.java} (Jenkins 2.541.3). */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {

    public ListBoxModel() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static final class Option {

        private Option() {
            throw new UnsupportedOperationException("compile-only surface");
        }
    }
}
