// Pieces every VM-area screen shows: the "connection lost" banner and the status
// line of the last action (ok, failed with the fix, refused with the reason).
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { truncateWidth } from '../../base/width.js';
import type { StatusLine } from '../../state/vms.js';
import type { ScreenContext } from '../types.js';

/** Rows the banner takes (0 when connected). */
export const bannerRows = (ctx: ScreenContext) =>
  ctx.stores.vms.getState().health.state === 'lost' ? 2 : 0;

/** Rows the status line takes: a fix goes on its own line. */
export const statusRows = (s: StatusLine | undefined) => (s?.fix ? 2 : 1);

export function ConnectionBanner({ ctx, width }: { ctx: ScreenContext; width: number }) {
  const health = useStore(ctx.stores.vms, (s) => s.health);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (health.state !== 'lost') return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [health.state]);
  if (health.state !== 'lost') return null;
  const wait = Math.max(0, Math.ceil(((health.retryAt ?? now) - now) / 1000));
  const tries =
    health.attempt === 0
      ? ''
      : `, ${health.attempt} ${health.attempt === 1 ? 'retry' : 'retries'} so far`;
  return (
    <Box flexDirection="column">
      <Text color="red" bold>
        {truncateWidth(
          `✕ Connection lost, reconnecting${wait > 0 ? ` in ${wait} s` : '…'}${tries}. r: retry now`,
          width,
        )}
      </Text>
      <Text dimColor>
        {truncateWidth(`  ${health.lastError ?? 'libvirt stopped answering'}`, width)}
      </Text>
    </Box>
  );
}

const look: Record<StatusLine['kind'], { symbol: string; color: string | undefined }> = {
  ok: { symbol: '✓', color: 'green' },
  error: { symbol: '✕', color: 'red' },
  refused: { symbol: '⊘', color: 'yellow' },
  busy: { symbol: '◌', color: 'cyan' },
  info: { symbol: 'ℹ', color: undefined },
};

/** The last action's result; `fallback` (dim) when there is none. */
export function StatusBar({
  status,
  fallback,
  width,
}: {
  status: StatusLine | undefined;
  fallback: string;
  width: number;
}) {
  if (!status) return <Text dimColor>{truncateWidth(fallback || ' ', width)}</Text>;
  const l = look[status.kind];
  return (
    <Box flexDirection="column">
      <Text color={l.color}>{truncateWidth(`${l.symbol} ${status.message}`, width)}</Text>
      {status.fix ? <Text>{truncateWidth(`  fix: ${status.fix}`, width)}</Text> : null}
    </Box>
  );
}
