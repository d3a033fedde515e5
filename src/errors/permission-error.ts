import { ScalekitApiError } from "./api-error";

/** A 403: the API client lacks the permission the route needs (see the contract's "Permissions"). */
export class ScalekitPermissionError extends ScalekitApiError {
  readonly permission: string;

  constructor(init: ConstructorParameters<typeof ScalekitApiError>[0] & { permission: string }) {
    super({
      ...init,
      hint: `The API client needs the permission ${init.permission} in this environment: grant it to the client, or use a client that has it.`,
    });
    this.permission = init.permission;
  }
}
