// `hv settings`: the experience level and "show me the command", changeable at
// any time (the console has the L and $ keys for the same).
import { HvError } from '../../base/errors.js';
import { type ExperienceLevel, experienceLevels } from '../../base/settings-peek.js';
import { loadSettings, saveSettings, settingsFile } from '../../state/settings.js';
import type { CommandContext } from '../command-spec.js';
import { printJson } from '../output.js';

const out = (s = '') => process.stdout.write(`${s}\n`);

export const levelMeaning: Record<ExperienceLevel, string> = {
  beginner: 'full explanations: what things are and why, with examples',
  intermediate: 'shorter explanations that assume you know the basics',
  expert: 'a terse reference: commands and facts only',
};

function loaded() {
  const s = loadSettings();
  if (s.status === 'corrupt') {
    process.stderr.write(
      `hv: note: the settings file was unreadable (${s.problem}); kept at ${s.keptAt}, using defaults.\n`,
    );
  }
  return s.value;
}

export async function show(ctx: CommandContext): Promise<number> {
  const s = loaded();
  if (ctx.globals.json) {
    printJson({ file: settingsFile(), ...s });
    return 0;
  }
  out(`level:    ${s.experience}  (${levelMeaning[s.experience]})`);
  out(
    `commands: ${s.showCommands ? 'on' : 'off'}  (the equivalent command in the console's footer)`,
  );
  out();
  out(`Change with: hv settings level ${experienceLevels.join('|')}, hv settings commands on|off`);
  return 0;
}

export async function level(ctx: CommandContext): Promise<number> {
  const want = ctx.positionals[0];
  if (!(experienceLevels as readonly string[]).includes(want ?? '')) {
    throw new HvError('usage', `"${want}" is not a level`, {
      fix: `choose one of: ${experienceLevels.join(', ')}`,
    });
  }
  const s = loaded();
  const next = { ...s, experience: want as ExperienceLevel };
  saveSettings(next);
  if (ctx.globals.json) printJson({ ok: true, ...next });
  else out(`Level is now ${next.experience}: ${levelMeaning[next.experience]}.`);
  return 0;
}

export async function commandsToggle(ctx: CommandContext): Promise<number> {
  const want = ctx.positionals[0];
  if (want !== 'on' && want !== 'off') {
    throw new HvError('usage', `"${want}" is not on or off`, {
      fix: 'hv settings commands on   (or off)',
    });
  }
  const next = { ...loaded(), showCommands: want === 'on' };
  saveSettings(next);
  if (ctx.globals.json) printJson({ ok: true, ...next });
  else {
    out(
      `The console's footer ${next.showCommands ? 'now shows' : 'no longer shows'} the equivalent command of what you do.`,
    );
  }
  return 0;
}
