// The create-from-template form: fields as data, defaults from the template,
// checks before anything is created (pure; the screen runs the operation).
import { createStore } from 'zustand/vanilla';
import type { VmTemplate } from '../adapters/templates.js';

import { initialList, type ListMove, type ListState, moveList } from '../base/list.js';

export interface CreateForm {
  template: string | undefined;
  name: string;
  pool: string | undefined;
  /** A network name, 'user', 'none', or undefined for the default choice. */
  network: string | undefined;
  vcpus: string;
  memoryMiB: string;
  diskGiB: string;
}

export type CreateField = keyof CreateForm | 'create';
export const createFields: readonly CreateField[] = [
  'template',
  'name',
  'pool',
  'network',
  'vcpus',
  'memoryMiB',
  'diskGiB',
  'create',
];

export interface VmCreateState {
  form: CreateForm;
  list: ListState;
  /** Problems by field, shown beside it. */
  problems: Partial<Record<CreateField, string>>;
  creating: boolean;
}

export const emptyForm: CreateForm = {
  template: undefined,
  name: '',
  pool: undefined,
  network: undefined,
  vcpus: '',
  memoryMiB: '',
  diskGiB: '',
};

export function createVmCreateStore() {
  return createStore<VmCreateState>()(() => ({
    form: emptyForm,
    list: initialList,
    problems: {},
    creating: false,
  }));
}
export type VmCreateStore = ReturnType<typeof createVmCreateStore>;

/** Choosing a template fills in its sizes (the person may change them after). */
export function applyTemplate(form: CreateForm, t: VmTemplate): CreateForm {
  return {
    ...form,
    template: t.id,
    vcpus: String(t.vcpus),
    memoryMiB: String(t.memoryMiB),
    diskGiB: String(t.diskGiB),
    name: form.name || `${t.id.split('-')[0]}-01`,
  };
}

const wholeNumber = (v: string, what: string, min: number, max: number): string | undefined => {
  if (!/^[0-9]+$/.test(v.trim())) return `${what} must be a whole number.`;
  const n = Number(v);
  if (n < min) return `${what} must be at least ${min}.`;
  if (n > max) return `${what} must be at most ${max}.`;
  return undefined;
};

export function checkField(
  field: CreateField,
  value: string,
  taken: readonly string[],
): string | undefined {
  switch (field) {
    case 'name':
      if (value === '') return 'A name is needed.';
      if (value.includes('/')) return 'A VM name cannot contain "/".';
      if (/^[0-9]+$/.test(value)) return 'Digits only would be read as a VM id; add a letter.';
      if ([...value].length > 200) return '200 characters at most.';
      if (taken.includes(value)) return `A VM named "${value}" already exists.`;
      return undefined;
    case 'vcpus':
      return wholeNumber(value, 'vCPUs', 1, 512);
    case 'memoryMiB':
      return wholeNumber(value, 'Memory (MiB)', 64, 16 * 1024 * 1024);
    case 'diskGiB':
      return wholeNumber(value, 'Disk (GiB)', 1, 64 * 1024);
    default:
      return undefined;
  }
}

/** Every problem of the form; empty when it can be created. */
export function checkForm(
  form: CreateForm,
  taken: readonly string[],
): Partial<Record<CreateField, string>> {
  const problems: Partial<Record<CreateField, string>> = {};
  if (!form.template) problems.template = 'Choose a template.';
  for (const f of ['name', 'vcpus', 'memoryMiB', 'diskGiB'] as const) {
    const p = checkField(f, form[f], taken);
    if (p) problems[f] = p;
  }
  return problems;
}

export function moveCreateCursor(store: VmCreateStore, move: ListMove): void {
  const s = store.getState();
  store.setState({ list: moveList(s.list, move, createFields.length, createFields.length) });
}
