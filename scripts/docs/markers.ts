/**
 * Generated blocks inside hand-written Markdown: the text between
 * `<!-- generated:NAME:start -->` and `<!-- generated:NAME:end -->` belongs to the generator.
 */

export const startMarker = (name: string) => `<!-- generated:${name}:start -->`;
export const endMarker = (name: string) => `<!-- generated:${name}:end -->`;

function indexOfOnly(text: string, marker: string, file: string): number {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${file}: no ${marker}`);
  if (text.indexOf(marker, at + 1) >= 0) throw new Error(`${file}: ${marker} appears twice`);
  return at;
}

/** `text` with block `name`'s content replaced by `body`. */
export function replaceBlock(text: string, name: string, body: string, file: string): string {
  const start = indexOfOnly(text, startMarker(name), file) + startMarker(name).length;
  const end = indexOfOnly(text, endMarker(name), file);
  if (end < start) throw new Error(`${file}: ${endMarker(name)} comes before ${startMarker(name)}`);
  return `${text.slice(0, start)}\n${body}${text.slice(end)}`;
}
