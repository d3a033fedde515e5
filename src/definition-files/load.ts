import { ScalekitDeclarationError } from "../errors";
import * as fs from "fs";
import * as path from "path";
import type { ApiDefinition } from "../definition/types";

export interface LoadedDefinition {
  /** The Pulumi resource name: the file name without .json. */
  name: string;
  file: string;
  definition: ApiDefinition;
}

/**
 * Definitions kept as files, one provider per `*.json`, each the API's own JSON exactly as Scalekit's
 * docs print it: what a reviewer reads in a pull request is what is sent. Sorted by file name so
 * every stack declares the same resources in the same order.
 */
export function loadDefinitions(dir: string): LoadedDefinition[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const full = path.join(dir, file);
      let definition: ApiDefinition;
      try {
        definition = JSON.parse(fs.readFileSync(full, "utf8"));
      } catch (err) {
        throw new ScalekitDeclarationError(`${full} is not valid JSON: ${(err as Error).message}`, { cause: err });
      }
      return { name: file.replace(/\.json$/, ""), file: full, definition };
    });
}
