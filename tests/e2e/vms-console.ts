// Shared by the VM console's tmux e2e files (vms-*.test.ts): one hv console per
// file, reused by the next test when the previous one passed (starting hv costs
// about two seconds on a loaded machine), restarted after a failure so one
// broken test does not take the others with it; and the checks every screen gets.
import { expect, onTestFailed } from 'vitest';
import { hvBin, hvNode } from '../helpers.js';
import { Tmux } from './tmux.js';

/** The whole frame is on screen: header on the first row, footer on the last live one. */
export function fits(screen: string): string {
  const lines = screen.split('\n');
  expect(lines.length).toBeLessThanOrEqual(24);
  expect(lines[0]).toMatch(/^hv │ Home › /);
  expect(lines[22]).toContain('q/Ctrl-C quit');
  return screen;
}

/** Waits for the text, then checks the frame fits. */
export async function see(t: Tmux, what: string | RegExp, timeoutMs?: number): Promise<string> {
  return fits(await t.waitFor(what, timeoutMs));
}

/** The rows with the cursor (›): exactly one on a whole frame. */
const cursorRows = (screen: string) =>
  screen
    .split('\n')
    .map((l, i) => (/^[│ ]*› /.test(l) ? `${i}:${l.slice(0, 30)}` : ''))
    .filter(Boolean);

/**
 * The screen once a whole frame is there: one cursor row, and the same in two
 * captures in a row (a capture can catch Ink halfway through redrawing rows).
 */
async function settled(t: Tmux): Promise<string> {
  let last = await t.screen();
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 30));
    const now = await t.screen();
    if (now === last && cursorRows(now).length === 1) return now;
    last = now;
  }
  return last;
}

/** Presses Down (or Up) until the cursor (›) is on a row matching `row`. */
export async function moveTo(t: Tmux, row: RegExp, key = 'Down', max = 12): Promise<string> {
  for (let i = 0; i < max; i++) {
    const screen = await settled(t);
    if (row.test(screen)) return screen;
    const before = cursorRows(screen)[0];
    await t.keys(key);
    // Wait for the cursor itself to move: other rows change on their own (statuses).
    let moved = false;
    for (let w = 0; w < 60 && !moved; w++) {
      const now = cursorRows(await t.screen());
      moved = now.length === 1 && now[0] !== before;
      if (!moved) await new Promise((r) => setTimeout(r, 50));
    }
    if (!moved)
      throw new Error(`${key} moved nothing looking for ${row}; the screen was:\n${screen}`);
  }
  return t.waitFor(row);
}

/** Empties an open text field (Ctrl-U), waiting until it is empty before anything is typed. */
export async function clearField(t: Tmux, label: string): Promise<void> {
  await t.keys('C-u');
  await t.waitFor(new RegExp(`│ ${label}: +│`));
}

/** Filters the VM list to one VM and opens its details. */
export async function openVm(t: Tmux, filter: string, name: string): Promise<string> {
  await t.keys('/');
  await t.type(filter);
  await t.keys('Enter');
  await t.waitFor(`filter "${filter}": 1 shown`);
  await t.keys('Enter');
  return see(t, new RegExp(`Home › VM details[\\s\\S]*${escapeRe(name)}`));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const onList = (screen: string) => {
  const lines = screen.split('\n');
  return (
    (lines[0] ?? '').startsWith('hv │ Home › Virtual machines') &&
    /^\d+ VMs?, \d+ running · sort: \w+$/.test((lines[2] ?? '').trim())
  );
};

/** Waits (up to 3 s) until the screen is no longer `before`. */
async function changed(t: Tmux, before: string): Promise<void> {
  for (let w = 0; w < 60 && (await t.screen()) === before; w++) {
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Back to the VM list, unfiltered, nothing selected, no dialog: Esc, and 2 from home. */
async function toList(t: Tmux): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const screen = await t.screen();
    if (onList(screen)) return;
    const home = /^hv │ Home\s{2,}/.test(screen);
    await t.keys(home ? '2' : 'Escape');
    await changed(t, screen);
  }
  await t.waitFor(/\d+ VMs?, \d+ running · sort: \w+\n/);
}

export function vmConsole(env: Record<string, string>) {
  let term: Tmux | undefined;
  let reusable = false;
  return {
    /** The VM list of a console on the demo: the last test's, or a fresh one. */
    async list(): Promise<Tmux> {
      onTestFailed(() => {
        reusable = false;
      });
      if (term && reusable) {
        await toList(term);
        return term;
      }
      await term?.kill();
      term = await Tmux.start({ command: [hvNode, hvBin, '--demo'], env });
      // Generous: other test files share the two cores.
      await term.waitFor('demo ● connected', 20_000);
      await term.keys('2');
      await term.waitFor(/\d+ VMs, \d+ running/, 20_000);
      reusable = true;
      return term;
    },
    async stop(): Promise<void> {
      await term?.kill();
      term = undefined;
    },
  };
}
