// `hv help TOPIC` and `hv help topics`, called by the help command before it
// looks for a command of that name. The level comes from the settings, or --level.

import { HvError } from '../../base/errors.js';
import { type ExperienceLevel, experienceLevels, peekSettings } from '../../base/settings-peek.js';
import { topicNames, topics, topicText } from '../../learning/topics.js';
import type { CommandContext, CommandSpec } from '../command-spec.js';
import { printJson, table } from '../output.js';

function level(ctx: CommandContext): ExperienceLevel {
  const v = ctx.options.level;
  if (v === undefined) return peekSettings().experience;
  if (typeof v === 'string' && (experienceLevels as readonly string[]).includes(v)) {
    return v as ExperienceLevel;
  }
  throw new HvError('usage', `--level must be one of ${experienceLevels.join(', ')}`, {
    fix: 'for example: hv help vm --level beginner',
  });
}

const say = (s: string) => process.stdout.write(`${s}\n`);

/** True when it printed a topic (or the topic list). */
export async function topicHelp(
  words: readonly string[],
  ctx: CommandContext,
  found: { spec: CommandSpec; rest: string[] } | undefined,
  group: readonly CommandSpec[],
): Promise<boolean> {
  if (words.length !== 1) return false;
  const name = words[0]!;
  if (name === 'topics') {
    if (ctx.globals.json) {
      printJson(topicNames.map((t) => ({ topic: t, title: topics[t]!.title })));
    } else {
      say('Topics (hv help TOPIC; --level beginner|intermediate|expert for more or fewer words):');
      say(table(topicNames.map((t) => [`  ${t}`, topics[t]!.title])));
    }
    return true;
  }
  const lvl = level(ctx);
  const text = topicText(name, lvl);
  if (text === undefined) return false;
  const exact =
    found && found.rest.length === 0 && found.spec.path.length > 0 ? found.spec : undefined;
  const related = [...(exact ? [exact] : []), ...group.filter((c) => !c.hidden && c !== exact)];
  if (ctx.globals.json) {
    printJson({
      topic: name,
      title: topics[name]!.title,
      level: lvl,
      text: topics[name]!.text[lvl],
      lesson: topics[name]!.lesson,
      commands: related.map((c) => ({ command: `hv ${c.path.join(' ')}`, summary: c.summary })),
    });
    return true;
  }
  say(text);
  if (related.length > 0) {
    say('');
    say('Commands:');
    say(table(related.map((c) => [`  hv ${c.path.join(' ')}`, c.summary])));
  }
  return true;
}
