// Turns lesson data into the words a learner reads, the same for the console's
// Learn screen and `hv learn`: steps, the ways to do a task as real commands,
// placeholders filled in with this machine's paths.

import { commandLine, shellQuote } from '../base/shell.js';
import type { Lesson, Step, Task, Way } from './types.js';

export function lessonSteps(lesson: Lesson): Step[] {
  return [
    { kind: 'explain' },
    ...lesson.tasks.map((task, index) => ({ kind: 'task' as const, task, index })),
    { kind: 'summary' },
  ];
}

/** Replaces {name} with vars[name]; unknown names are left as they are. */
export function fill(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\{([a-zA-Z]+)\}/g, (all, name: string) => vars[name] ?? all);
}

export interface WayOptions {
  /** The lesson works on the demo: hv commands get --demo. Else they get --connect. */
  demo: boolean;
  uri: string;
  vars: Readonly<Record<string, string>>;
  /** Whether this build of hv has a command (cli/commands.ts hvHas; tests pass their own). */
  has: (args: readonly string[]) => boolean;
}

export const wayLabel: Record<Way['where'], string> = {
  console: 'console',
  hv: 'hv',
  virsh: 'virsh',
  shell: 'shell',
};

/**
 * One way as the line to show, or undefined for an hv command this build does
 * not have (a lesson never shows a command that would fail as unknown).
 */
export function wayText(way: Way, opts: WayOptions): string | undefined {
  switch (way.where) {
    case 'console':
    case 'shell':
      return fill(way.text, opts.vars);
    case 'virsh':
      return commandLine({ tool: 'virsh', args: way.args.map((a) => fill(a, opts.vars)) });
    case 'hv': {
      if (!opts.has(way.args)) return undefined;
      const target = way.local ? [] : opts.demo ? ['--demo'] : ['--connect', opts.uri];
      return commandLine({
        tool: 'hv',
        args: [...way.args.map((a) => fill(a, opts.vars)), ...target],
      });
    }
  }
}

/** "label: text" rows for every way that can be shown. */
export function wayRows(task: Task, opts: WayOptions): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const w of task.ways) {
    const text = wayText(w, opts);
    if (text !== undefined) rows.push([wayLabel[w.where], text]);
  }
  return rows;
}

/** True when any way is a virsh command (the learner then needs the demo's URI). */
export const usesVirsh = (task: Task) => task.ways.some((w) => w.where === 'virsh');

/** The shell line that points virsh (and hv) at the lesson's libvirt. */
export const exportLine = (uri: string) => `export LIBVIRT_DEFAULT_URI=${shellQuote(uri)}`;

/** Greedy word wrap; words longer than the width are kept whole. */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out;
}
