import { Text } from 'ink';
import type { DomainState } from '../adapters/hypervisor.js';
import { padWidth } from '../base/width.js';
import { stateLook, stateText } from './state-look.js';

/** A VM state as symbol + word + colour, padded to `width` cells when given. */
export function StateBadge({ state, width }: { state: DomainState; width?: number }) {
  const text = stateText(state);
  return (
    <Text color={stateLook[state].color}>{width === undefined ? text : padWidth(text, width)}</Text>
  );
}
