import { padWidth, truncateWidth } from './width.js';

/** 2097152 KiB -> "2.0 GiB"; 524288 KiB -> "512 MiB". */
export function formatMemory(kib: number): string {
  if (kib >= 1024 * 1024) return `${(kib / 1024 / 1024).toFixed(1)} GiB`;
  if (kib >= 1024) return `${Math.round(kib / 1024)} MiB`;
  return `${kib} KiB`;
}

/** 107374182400 -> "100.0 GiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

/** Cuts a string to a display width (terminal cells), marking the cut with an ellipsis. */
export function truncate(s: string, width: number): string {
  return truncateWidth(s, width);
}

/** Truncates, then pads with spaces to exactly `width` cells. */
export function pad(s: string, width: number): string {
  return padWidth(s, width);
}

/** 1 -> "1 disk", 3 -> "3 disks"; irregular plurals are given ("1 entry", "2 entries"). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 days, 4:05" */
export function formatUptime(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const hm = `${h}:${String(m).padStart(2, '0')}`;
  return d > 0 ? `${d} day${d === 1 ? '' : 's'}, ${hm}` : hm;
}
