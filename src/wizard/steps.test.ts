import { describe, expect, it } from 'vitest';
import { categories } from '../catalog/types.js';
import { isFeatureStep, isStepId, stepDefs, stepOrder } from './steps.js';

describe('steps as data', () => {
  it('defines every step once, in one canonical order', () => {
    expect(new Set(stepOrder).size).toBe(stepOrder.length);
    expect(Object.keys(stepDefs).sort()).toEqual([...stepOrder].sort());
    for (const id of stepOrder) expect(stepDefs[id].id).toBe(id);
    expect(stepOrder.filter(isFeatureStep)).toHaveLength(categories.length + 1);
  });

  it('explains every step a beginner sees, in more words than for experts', () => {
    for (const id of stepOrder) {
      const def = stepDefs[id];
      if (!def.levels.includes('beginner')) continue;
      expect(def.explain.beginner.length, id).toBeGreaterThan(40);
      expect(def.explain.beginner.length, id).toBeGreaterThan(def.explain.expert.length);
    }
  });

  it('keeps the flow shape: welcome first, review, write and apply last', () => {
    expect(stepOrder[0]).toBe('welcome');
    expect(stepOrder.slice(-3)).toEqual(['review', 'write', 'apply']);
    expect(isStepId('features:backup')).toBe(true);
    expect(isStepId('features:nope')).toBe(false);
  });
});
