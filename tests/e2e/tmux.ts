// Drives a real program in a real terminal: a private tmux server per session,
// sized like a serial console (80x24 by default). Keys go in with send-keys,
// the screen comes back with capture-pane.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

let counter = 0;

export interface TmuxOptions {
  /** The program and its arguments, run directly (argv form, no shell). */
  command: string[];
  env?: Record<string, string>;
  width?: number;
  height?: number;
}

const recorder = join(import.meta.dirname, 'exit-recorder.mjs');

export class Tmux {
  private constructor(
    private readonly socket: string,
    private readonly dir: string,
    private readonly statusFile: string,
  ) {}

  static async start(opts: TmuxOptions): Promise<Tmux> {
    const socket = `hv-e2e-${process.pid}-${++counter}`;
    const dir = mkdtempSync(join(tmpdir(), 'hvtmux-'));
    const conf = join(dir, 'tmux.conf');
    const statusFile = join(dir, 'exit-status');
    // remain-on-exit keeps the last screen and exit status after the program ends.
    writeFileSync(conf, 'set -g remain-on-exit on\nset -g status off\nset -g history-limit 100\n');
    const t = new Tmux(socket, dir, statusFile);
    const env = { ...process.env, TERM: 'xterm-256color', ...opts.env };
    await execa(
      'tmux',
      [
        '-L',
        socket,
        '-f',
        conf,
        'new-session',
        '-d',
        '-s',
        'main',
        '-x',
        String(opts.width ?? 80),
        '-y',
        String(opts.height ?? 24),
        '--',
        process.execPath,
        recorder,
        statusFile,
        ...opts.command,
      ],
      { env },
    );
    return t;
  }

  private tmux(args: string[]) {
    return execa('tmux', ['-L', this.socket, ...args]);
  }

  /** tmux key names: 'Down', 'Enter', 'Escape', 'C-c', or plain characters. */
  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) await this.tmux(['send-keys', '-t', 'main', k]);
  }

  /** Several keys in one write, as a quick typist's keys arrive in one read. */
  async keysAtOnce(...keys: string[]): Promise<void> {
    await this.tmux(['send-keys', '-t', 'main', ...keys]);
  }

  /** Types text literally (no key-name lookup). */
  async type(text: string): Promise<void> {
    await this.tmux(['send-keys', '-t', 'main', '-l', '--', text]);
  }

  async screen(opts: { escapes?: boolean } = {}): Promise<string> {
    const r = await this.tmux([
      'capture-pane',
      '-p',
      ...(opts.escapes ? ['-e'] : []),
      '-t',
      'main',
    ]);
    return r.stdout;
  }

  /** Waits until the screen shows the text (or matches), returns that screen. */
  async waitFor(what: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen();
      if (typeof what === 'string' ? last.includes(what) : what.test(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${String(what)}; the screen was:\n${last}`);
  }

  /** Waits until the screen no longer shows the text. */
  async waitForGone(text: string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen();
      if (!last.includes(text)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for "${text}" to go; the screen was:\n${last}`);
  }

  async resize(width: number, height: number): Promise<void> {
    await this.tmux(['resize-window', '-t', 'main', '-x', String(width), '-y', String(height)]);
  }

  /** Exit status once the program ended (recorded by exit-recorder.mjs), else undefined. */
  async exitStatus(): Promise<number | undefined> {
    try {
      return Number(readFileSync(this.statusFile, 'utf8'));
    } catch {
      return undefined;
    }
  }

  async waitForExit(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const s = await this.exitStatus();
      if (s !== undefined) return s;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the program did not exit; the screen was:\n${await this.screen()}`);
  }

  /** Ends the tmux server (and the program in it) and removes its temp folder. */
  async kill(): Promise<void> {
    await this.tmux(['kill-server']).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
