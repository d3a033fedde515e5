/**
 * The Automation API has no `--json` preview; its engine events carry the same steps. This turns them
 * into the document `pulumi preview --json` prints, which the library's review reads.
 */
import type { ConfigMap, EngineEvent, StepEventStateMetadata } from "@pulumi/pulumi/automation";
import type { PreviewDiagnostic, PreviewDocument, PreviewState, PreviewStep } from "pulumi-scalekit-providers";

function stateOf(s: StepEventStateMetadata | undefined): PreviewState | undefined {
  return s && { urn: s.urn, id: s.id, type: s.type, inputs: s.inputs, outputs: s.outputs };
}

export class PreviewRecorder {
  private readonly steps: PreviewStep[] = [];
  private readonly diagnostics: PreviewDiagnostic[] = [];

  /** Pass as `onEvent` to `stack.preview()`. Engine events show secret values as "[secret]". */
  readonly record = (event: EngineEvent): void => {
    const step = event.resourcePreEvent?.metadata;
    if (step) {
      this.steps.push({
        op: step.op,
        urn: step.urn,
        oldState: stateOf(step.old),
        newState: stateOf(step.new),
        diffReasons: step.diffs,
        replaceReasons: step.op === "replace" ? step.keys : undefined,
      });
    }
    const diagnostic = event.diagnosticEvent;
    if (diagnostic) this.diagnostics.push({ urn: diagnostic.urn, message: diagnostic.message, severity: diagnostic.severity });
  };

  /** The preview so far, with the stack's config (secret values as "[secret]", as `--json` prints them). */
  document(source: string, config: ConfigMap): PreviewDocument {
    const values = Object.fromEntries(Object.entries(config).map(([key, v]) => [key, v.secret ? "[secret]" : v.value]));
    return { source, config: values, steps: this.steps, diagnostics: this.diagnostics };
  }
}
