import { nameKey } from "../definition/provider-key";

/**
 * The display names declared for one environment in one run: per config namespace in a program (the
 * dynamic resource, dynamic/resource.ts), per provider instance in the native plugin (plugin/plugin.ts,
 * whose process serves one). Scalekit derives a provider's key from its display name ("My Asana" and
 * "my asana" clash), so two declarations with the same key in one environment would fight over one
 * provider: the second would be refused at `up`, or worse, adopt the first. Caught at preview time.
 */
export class DeclaredNames {
  private readonly owners = new Map<string, { resource: string; label: string; displayName: string }>();
  /** The key each resource holds, so a resource that claims another name gives up its previous one. */
  private readonly held = new Map<string, string>();

  /**
   * Records a declaration in `scope` (what the message calls the environment, e.g. "namespace
   * scalekit") by `resource` (what tells two resources apart: a name in a program, a URN in the plugin;
   * `label` names it in the message); returns the message naming both resources when another one holds
   * the key there.
   */
  claim(scope: string, displayName: string, resource: string, label: string = resource): string | undefined {
    const key = `${scope}\u0000${nameKey(displayName)}`;
    const other = this.owners.get(key);
    // The same resource claiming again (a program run twice in one process) is no clash.
    if (other && other.resource !== resource) {
      return (
        `CustomProvider resources "${other.label}" and "${label}" declare the same provider name in ${scope}: ` +
        `"${other.displayName}" and "${displayName}" (Scalekit derives one key, ${nameKey(displayName)}, from both). Rename one of them.`
      );
    }
    const previous = this.held.get(resource);
    if (previous !== undefined && previous !== key) this.owners.delete(previous);
    this.owners.set(key, { resource, label, displayName });
    this.held.set(resource, key);
    return undefined;
  }
}
