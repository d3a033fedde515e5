import { nameKey } from "../definition/provider-key";

/**
 * The display names declared in one program, per config namespace. Scalekit derives a provider's
 * key from its display name ("My Asana" and "my asana" clash), so two declarations with the same key
 * in one environment would fight over one provider: the second would be refused at `up`, or worse,
 * adopt the first. Caught when the program declares them, at preview time.
 */
export class DeclaredNames {
  private readonly owners = new Map<string, { resource: string; displayName: string }>();

  /** Records a declaration; returns the message naming both resources when another one holds the key. */
  claim(namespace: string, displayName: string, resource: string): string | undefined {
    const key = `${namespace}\u0000${nameKey(displayName)}`;
    const other = this.owners.get(key);
    // The same resource claiming again (a program run twice in one process) is no clash.
    if (other && other.resource !== resource) {
      return (
        `CustomProvider resources "${other.resource}" and "${resource}" declare the same provider name in namespace ${namespace}: ` +
        `"${other.displayName}" and "${displayName}" (Scalekit derives one key, ${nameKey(displayName)}, from both). Rename one of them.`
      );
    }
    this.owners.set(key, { resource, displayName });
    return undefined;
  }
}

/** The program's declarations: one program per process. */
export const declaredNames = new DeclaredNames();
