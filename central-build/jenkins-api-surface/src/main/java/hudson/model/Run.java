package hudson.model;

/** Surface of {@code core/src/main/java/hudson/model/Run.java} (Jenkins 2.541.3). */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {}
