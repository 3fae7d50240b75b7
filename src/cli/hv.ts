// hv's entry point. Arguments are parsed first; Ink, React and the screens are
// imported only when the interactive console actually opens.
import { HvError } from '../base/errors.js';
import { installBenchProbe } from './bench-probe.js';
import { loadHandler } from './command-modules.js';
import { reportError } from './output.js';
import { parseCommandLine } from './parse.js';

// Ink's colour library reads FORCE_COLOR when it loads; NO_COLOR must win.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') {
  process.env.FORCE_COLOR = '0';
}
installBenchProbe();

// `hv vm list | head`: the reader went away; that is not an error worth a trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (e) {
    return reportError(e, argv.includes('--json'));
  }
  const { spec, globals } = parsed;
  try {
    if (parsed.version) {
      const { run } = await import('./commands/version.js');
      return await run({ globals, options: {}, positionals: [] });
    }
    if (parsed.help) {
      const { run } = await import('./commands/help.js');
      return await run({ globals, options: {}, positionals: spec.path });
    }
    const runCommand = await loadHandler(spec);
    return await runCommand({ globals, options: parsed.options, positionals: parsed.positionals });
  } catch (e) {
    return reportError(e, globals.json);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = reportError(e instanceof HvError ? e : e, false);
  },
);
