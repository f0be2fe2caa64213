package org.jenkinsci.plugins.workflow.steps;

/**
 * Surface of workflow-step-api-plugin
 * {@code src/main/java/org/jenkinsci/plugins/workflow/steps/GeneralNonBlockingStepExecution.java}
 * (workflow-step-api HEAD 0773c3c). */
public abstract class GeneralNonBlockingStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    protected GeneralNonBlockingStepExecution(StepContext context) {
        super(context);
        throw new UnsupportedOperationException("compile-only surface");
    }

    @FunctionalInterface
    protected interface Block {
        void run() throws Exception;
    }

    protected final void run(Block block) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @Override
    public void onResume() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    protected abstract class TailCall extends BodyExecutionCallback {

        private static final long serialVersionUID = 1L;

        protected abstract void finished(StepContext context) throws Exception;

        @Override
        public final void onSuccess(StepContext context, Object result) {
            throw new UnsupportedOperationException("compile-only surface");
        }

        @Override
        public final void onFailure(StepContext context, Throwable t) {
            throw new UnsupportedOperationException("compile-only surface");
        }
    }
}
