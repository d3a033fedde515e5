import { formatPath, PathSegment } from "./case";

/** One thing wrong with a definition, at a property path, with what would be accepted. */
export interface Problem {
  path: PathSegment[];
  message: string;
}

export function describeProblem(p: Problem): string {
  return p.path.length ? `${formatPath(p.path)} ${p.message}` : p.message;
}
