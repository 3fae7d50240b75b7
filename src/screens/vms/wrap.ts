// Word wrapping by display width for the few places that show a whole message
// (a host's error) rather than one truncated line. Pure.
import { displayWidth, truncateWidth } from '../../base/width.js';

/**
 * Up to `maxLines` lines of at most `width` cells, broken at spaces where it
 * can; the last line ends with "…" when text is left over.
 */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let rest = text.trim();
  while (rest !== '' && lines.length < maxLines) {
    if (displayWidth(rest) <= width) {
      lines.push(rest);
      rest = '';
      break;
    }
    if (lines.length === maxLines - 1) {
      lines.push(truncateWidth(rest, width));
      rest = '';
      break;
    }
    // The longest prefix that fits, cut back to its last space when there is one.
    const fit = truncateWidth(rest, width + 1).replace(/…$/, '');
    const space = rest[fit.length] === ' ' ? fit.length : fit.lastIndexOf(' ');
    const cut = space > 0 ? space : fit.length;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return lines;
}
