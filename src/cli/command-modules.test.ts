import { describe, expect, it } from 'vitest';
import { commandModules, loadHandler } from './command-modules.js';
import { commands } from './commands.js';

describe('the command table and the command modules', () => {
  it('finds a function for every command in the table', async () => {
    for (const spec of commands) {
      expect(typeof (await loadHandler(spec)), `hv ${spec.path.join(' ')}`).toBe('function');
    }
  });

  it('uses every command module it can load', () => {
    const used = new Set(commands.map((c) => c.handler.module));
    expect(Object.keys(commandModules).filter((m) => !used.has(m))).toEqual([]);
  });

  it('says which entry is broken when a name has no code', async () => {
    await expect(
      loadHandler({ path: ['vm', 'x'], handler: { module: 'vm', export: 'nope' } }),
    ).rejects.toThrow('hv vm x has no code (vm.nope)');
  });
});
