package hudson.model;

/** Surface of {@code core/src/main/java/hudson/model/InvisibleAction.java} (Jenkins 2.541.3). */
public abstract class InvisibleAction implements Action {

    @Override
    public final String getIconFileName() {
        return null;
    }

    @Override
    public final String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
