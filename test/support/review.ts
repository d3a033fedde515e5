import * as fs from "fs";
import * as path from "path";
import { CUSTOM_PROVIDER_TYPE } from "../../src/custom-provider";

/**
 * test/fixtures/previews/*.preview.json were captured from `pulumi preview --json` (Pulumi 3.248, this library,
 * the emulator), with the serialized provider code, stack traces and timestamps stripped:
 * - dev-changes: a create (my-tavily), a replacement with proxy_enabled false (my-klaviyo, API_KEY
 *   to BEARER), an update removing the "email" scope and lengthening the description (my-asana),
 *   and a delete (my-freshdesk);
 * - secret-update: the test/fixtures/e2e/secret-definition program after changing its secret from
 *   PLAINTEXT-KEY-123 to PLAINTEXT-KEY-456. The old plaintext is in the JSON (in `stored`).
 */
export function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, "..", "fixtures", "previews", `${name}.preview.json`), "utf8");
}

const urn = (stack: string, name: string, type = CUSTOM_PROVIDER_TYPE) => `urn:pulumi:${stack}::proj::${type}::${name}`;

export const bearer = (extra: Record<string, unknown> = {}) => ({
  display_name: "Some Api",
  auth_patterns: [{ type: "BEARER", fields: [{ field_name: "token", label: "Token" }] }],
  proxy_url: "https://api.example.com",
  ...extra,
});

/** A minimal preview document in the measured shape: one step per entry. */
export function previewDoc(
  stack: string,
  steps: {
    op: string;
    name: string;
    old?: object;
    new?: object;
    id?: string;
    outputs?: object;
    replaceReasons?: string[];
    type?: string;
  }[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    config: { "scalekit:environmentUrl": "https://acme.scalekit.dev", "scalekit:clientSecret": "[secret]" },
    steps: [
      { op: "same", urn: urn(stack, `proj-${stack}`, "pulumi:pulumi:Stack") },
      ...steps.map((s) => ({
        op: s.op,
        urn: urn(stack, s.name, s.type),
        ...(s.old
          ? {
              oldState: {
                type: s.type ?? CUSTOM_PROVIDER_TYPE,
                id: s.id,
                inputs: s.old,
                outputs: { ...s.old, ...(s.outputs ?? {}) },
              },
            }
          : {}),
        ...(s.new ? { newState: { type: s.type ?? CUSTOM_PROVIDER_TYPE, inputs: s.new } } : {}),
        ...(s.replaceReasons ? { replaceReasons: s.replaceReasons } : {}),
        detailedDiff: null,
      })),
    ],
    ...extra,
  };
}
