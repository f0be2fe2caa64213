package hudson.model;

/** Surface of {@code core/src/main/java/hudson/model/Job.java} (Jenkins 2.541.3). */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {}
