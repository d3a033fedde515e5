/**
 * Every definitions/*.json file becomes one CustomProvider, named after the file. The files hold
 * the API's own snake_case JSON, exactly as Scalekit's docs print it, so a pull request shows what
 * will be sent. The Scalekit environment comes from the default `scalekit` config namespace:
 *
 *   scalekit:environmentUrl, scalekit:clientId, scalekit:clientSecret (secret)
 *
 * (or the environment variables SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET).
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CustomProvider, loadDefinitions } from "pulumi-scalekit-providers";

const definitions = loadDefinitions(path.join(__dirname, "definitions"));

const providers = definitions.map(({ name, definition }) => [name, new CustomProvider(name, { definition })] as const);

/** Each provider's identifier in the stack's Scalekit environment, by file name. */
export const identifiers = pulumi.all(Object.fromEntries(providers.map(([name, p]) => [name, p.identifier])));
