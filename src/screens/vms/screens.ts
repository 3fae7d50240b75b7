// The VM area's screens besides the list, by id (registered in ../registry.ts).
import type { ScreenDef } from '../types.js';
import { hostsScreen } from './HostsScreen.js';
import { networksScreen, poolsScreen } from './InfraScreens.js';
import { vmCreateScreen } from './VmCreateScreen.js';
import { vmDetailScreen } from './VmDetailScreen.js';
import { vmSnapshotsScreen } from './VmSnapshotsScreen.js';

export const vmScreens: Record<string, ScreenDef> = {
  'vm-detail': vmDetailScreen,
  'vm-snapshots': vmSnapshotsScreen,
  'vm-create': vmCreateScreen,
  'vm-networks': networksScreen,
  'vm-pools': poolsScreen,
  'vm-hosts': hostsScreen,
};
