import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { truncate } from '../../base/format.js';
import { listBindings } from '../../base/keys.js';
import { type ListMove, moveList } from '../../base/list.js';
import { push } from '../../state/router.js';
import { SlicedList } from '../../ui/SlicedList.js';
import { wrap } from '../chrome.js';
import type { ScreenDef, ScreenViewProps } from '../types.js';
import { homeItems } from './items.js';

function HomeView({ ctx, width, height }: ScreenViewProps) {
  const list = useStore(ctx.stores.router, (s) => s.home);
  const level = useStore(ctx.stores.session, (s) => s.experience);
  const problem = useStore(ctx.stores.session, (s) => (s.status === 'error' ? s.error : undefined));
  const selected = homeItems[list.cursor] ?? homeItems[0]!;
  const intro =
    level === 'beginner'
      ? 'Welcome. Choose an area with ↑/↓ and Enter, or press its number. Press ? for help on any screen.'
      : undefined;
  const introLines = intro ? wrap(intro, width) : [];
  const about = wrap(
    selected.notYet ? `${selected.description} (Not in this build yet.)` : selected.description,
    width - 2,
  );
  return (
    <Box flexDirection="column" height={height}>
      {introLines.map((l) => (
        <Text key={l}>{l}</Text>
      ))}
      {intro ? <Text> </Text> : null}
      {problem ? (
        <Box flexDirection="column" marginBottom={1}>
          <Text color="red">{truncate(`✕ Not connected: ${problem.message}`, width)}</Text>
          {problem.fix ? <Text>{truncate(`  fix: ${problem.fix}`, width)}</Text> : null}
        </Box>
      ) : null}
      <SlicedList
        items={homeItems}
        state={list}
        height={Math.min(homeItems.length, height)}
        rowKey={(i) => i.id}
        row={(item, sel) => (
          <Text bold={sel} inverse={sel}>
            {truncate(`${item.key}. ${item.title}${item.notYet ? '  (coming)' : ''}`, width - 2)}
          </Text>
        )}
      />
      <Text> </Text>
      {about.map((l) => (
        <Text key={l} dimColor>{`  ${l}`}</Text>
      ))}
    </Box>
  );
}

export const homeScreen: ScreenDef = {
  id: 'home',
  title: 'Home',
  bindings: [
    ...listBindings.slice(0, 2),
    {
      action: 'open',
      keys: ['enter', 'right'],
      label: 'open',
      hint: true,
      help: 'Open the selected area.',
    },
    ...homeItems.map((i) => ({
      action: `jump:${i.id}`,
      keys: [i.key],
      label: `${i.title.toLowerCase()}`,
      help: 'Open an area by its number.',
      group: 'jump',
    })),
  ],
  help: {
    beginner:
      'This is the home menu of hv, the console of your virtualization host. A virtualization host runs virtual machines (VMs): whole computers simulated in software. Setup configures the host itself; Virtual machines lists and manages VMs; Learn teaches the basics step by step on a safe demo, so nothing real can break. The header shows which hypervisor you are connected to, the phase (setup or hardened) and your experience level.',
    intermediate:
      'Home menu. Setup configures host features (NixOS), Virtual machines manages libvirt domains, Learn has lessons on the demo hypervisor, Host shows the machine, Audit lists what was done.',
    expert: 'Home. 1-5 jump to an area. Every action also exists as `hv <command> --json`.',
  },
  command: () => 'hv --help',
  onAction(action, ctx) {
    const router = ctx.stores.router;
    const s = router.getState();
    if (action === 'open') {
      const item = homeItems[s.home.cursor];
      if (item) push(router, item.id);
      return;
    }
    if (action.startsWith('jump:')) {
      const id = action.slice(5);
      const idx = homeItems.findIndex((i) => i.id === id);
      router.setState({ home: { ...s.home, cursor: idx } });
      push(router, id as (typeof homeItems)[number]['id']);
      return;
    }
    router.setState({
      home: moveList(s.home, action as ListMove, homeItems.length, homeItems.length),
    });
  },
  View: HomeView,
};
