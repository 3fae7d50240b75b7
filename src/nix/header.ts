// The header hv puts on every file it generates. The content hash lets hv tell
// its own untouched output from a file someone edited since, so it never
// overwrites hand edits silently. No timestamps: same answers, same bytes.
import { createHash } from 'node:crypto';

const HASH_PREFIX = '# hv-content-hash: ';

export const sha256 = (text: string) =>
  `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

/** Prepends the comment header (lines without "# ") and the hash of the body. */
export function withHeader(lines: readonly string[], body: string): string {
  const head = lines.map((l) => (l ? `# ${l}` : '#')).join('\n');
  return `${head}\n${HASH_PREFIX}${sha256(body)}\n${body}`;
}

export type Ownership = 'ours' | 'ours-edited' | 'not-ours';

/** Reads a file's header: written by hv and untouched, edited since, or not hv's. */
export function ownership(content: string): Ownership {
  const lines = content.split('\n');
  const at = lines.findIndex((l) => l.startsWith(HASH_PREFIX));
  // The hash line sits at the end of the leading comment block.
  if (at < 0 || lines.slice(0, at).some((l) => !l.startsWith('#'))) return 'not-ours';
  const recorded = lines[at]!.slice(HASH_PREFIX.length).trim();
  const body = lines.slice(at + 1).join('\n');
  return sha256(body) === recorded ? 'ours' : 'ours-edited';
}
