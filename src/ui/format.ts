/** 2097152 KiB -> "2.0 GiB"; 524288 KiB -> "512 MiB". */
export function formatMemory(kib: number): string {
  if (kib >= 1024 * 1024) return `${(kib / 1024 / 1024).toFixed(1)} GiB`;
  if (kib >= 1024) return `${Math.round(kib / 1024)} MiB`;
  return `${kib} KiB`;
}

/** Cuts a string to a display width, marking the cut with an ellipsis. */
export function truncate(s: string, width: number): string {
  const chars = [...s];
  if (chars.length <= width) return s;
  if (width <= 1) return chars.slice(0, width).join('');
  return `${chars.slice(0, width - 1).join('')}…`;
}

export function pad(s: string, width: number): string {
  const t = truncate(s, width);
  return t + ' '.repeat(Math.max(0, width - [...t].length));
}
