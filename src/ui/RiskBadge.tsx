// Risk as text + symbol + colour: readable without colour, on serial consoles and
// by screen readers ("◕ high"), coloured where colour works.
import { Text } from 'ink';
import { riskInfo } from '../catalog/features.js';
import type { RiskLevel } from '../catalog/types.js';

export const riskColor: Record<RiskLevel, string> = {
  minimal: 'green',
  low: 'cyan',
  moderate: 'yellow',
  high: 'magenta',
  critical: 'red',
};

/** "◕ high", padded to the widest label so columns line up. */
export function riskText(risk: RiskLevel, pad = false): string {
  const t = `${riskInfo[risk].symbol} ${riskInfo[risk].label}`;
  return pad ? t.padEnd(10) : t;
}

export function RiskBadge({
  risk,
  pad = false,
  dim = false,
}: {
  risk: RiskLevel;
  pad?: boolean;
  dim?: boolean;
}) {
  return (
    <Text color={dim ? undefined : riskColor[risk]} dimColor={dim} bold={risk === 'critical'}>
      {riskText(risk, pad)}
    </Text>
  );
}
