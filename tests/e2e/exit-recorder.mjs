// Runs a program on the inherited terminal and writes its exit status to a file,
// so tmux tests can read how hv ended without a shell in the pane.
// argv: <status file> <program> [args...]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [file, cmd, ...args] = process.argv.slice(2);
const child = spawn(cmd, args, { stdio: 'inherit' });
// The child owns the terminal; the recorder must not die of the same Ctrl-C.
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => {
  writeFileSync(file, String(code ?? 128 + (signal === 'SIGTERM' ? 15 : 9)));
  // Keep the pane alive briefly so the final screen can still be read.
  setTimeout(() => process.exit(0), 60_000);
});
