import { describe, expect, it } from 'vitest';
import { findTemplate } from '../adapters/templates.js';
import { applyTemplate, checkField, checkForm, emptyForm } from './vm-create.js';

describe('create form', () => {
  it('takes the sizes of the chosen template', () => {
    const f = applyTemplate(emptyForm, findTemplate('windows-server-2022'));
    expect(f).toMatchObject({
      template: 'windows-server-2022',
      vcpus: '4',
      memoryMiB: '8192',
      diskGiB: '80',
    });
    expect(f.name).toBe('windows-01');
    expect(checkForm(f, [])).toEqual({});
  });

  it('keeps a name already typed', () => {
    const f = applyTemplate(
      { ...emptyForm, name: 'Ana\'s "lab" VM — café' },
      findTemplate('alpine'),
    );
    expect(f.name).toBe('Ana\'s "lab" VM — café');
    expect(f).toMatchObject({ vcpus: '1', memoryMiB: '512', diskGiB: '5' });
  });

  it('names every problem', () => {
    expect(checkForm(emptyForm, [])).toMatchObject({
      template: 'Choose a template.',
      name: 'A name is needed.',
      vcpus: 'vCPUs must be a whole number.',
    });
    expect(checkField('name', 'web-01', ['web-01'])).toContain('already exists');
    expect(checkField('name', '42', [])).toContain('Digits only');
    expect(checkField('name', 'a/b', [])).toContain('"/"');
    expect(checkField('vcpus', '0', [])).toContain('at least 1');
    expect(checkField('memoryMiB', '1.5', [])).toContain('whole number');
    expect(checkField('diskGiB', '20', [])).toBeUndefined();
  });
});
