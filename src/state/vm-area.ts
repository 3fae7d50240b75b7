// The stores of the VM area's screens beyond the list itself (vms.ts).
import { createVmCreateStore, type VmCreateStore } from './vm-create.js';
import { createVmDetailStore, type VmDetailStore } from './vm-detail.js';
import { createDialogStore, type DialogStore } from './vm-dialog.js';
import { createInfraStore, type InfraStore } from './vm-infra.js';

export interface VmAreaStores {
  dialog: DialogStore;
  detail: VmDetailStore;
  infra: InfraStore;
  create: VmCreateStore;
}

export function createVmAreaStores(): VmAreaStores {
  return {
    dialog: createDialogStore(),
    detail: createVmDetailStore(),
    infra: createInfraStore(),
    create: createVmCreateStore(),
  };
}
