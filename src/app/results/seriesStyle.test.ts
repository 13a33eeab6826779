import { describe, expect, it } from 'vitest';
import { PRUNE_METHOD_IDS } from '../../core/prune/registry';
import { OKABE_ITO, seriesLabel, seriesStyle } from './seriesStyle';

const key = (s: { color: string; dash: string; marker: string; hollow: boolean }) => `${s.color}|${s.dash}|${s.marker}|${s.hollow}`;

describe('series styles', () => {
  it('gives every method its own dash and marker, from the Okabe–Ito palette', () => {
    const styles = ['dense', ...PRUNE_METHOD_IDS].map((id) => seriesStyle(id));
    expect(new Set(styles.map((s) => s.marker)).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.color)).size).toBe(styles.length);
    const palette: string[] = Object.values(OKABE_ITO);
    for (const s of styles) expect(palette).toContain(s.color);
  });

  it('styles a control like its method, with its own dash and an outlined marker', () => {
    const method = seriesStyle('magnitude-global');
    const control = seriesStyle('magnitude-global (random re-init)');
    expect(control.color).toBe(method.color);
    expect(control.marker).toBe(method.marker);
    expect(control.hollow).toBe(true);
    const dashes = PRUNE_METHOD_IDS.map((id) => seriesStyle(id).dash);
    expect(dashes).not.toContain(control.dash);
  });

  it('styles other series by position, stably, with distinct markers for the first seven', () => {
    const seven = Array.from({ length: 7 }, (_, i) => seriesStyle(`fold ${i + 1}`, i));
    expect(new Set(seven.map(key)).size).toBe(7);
    expect(new Set(seven.map((s) => s.marker)).size).toBe(7);
    expect(seriesStyle('fold 3', 2)).toEqual(seriesStyle('fold 3', 2));
    const ten = Array.from({ length: 10 }, (_, i) => key(seriesStyle(`f${i}`, i)));
    expect(new Set(ten).size).toBe(10);
  });

  it('names series for people', () => {
    expect(seriesLabel('magnitude-global')).toBe('Magnitude (global)');
    expect(seriesLabel('magnitude-layer')).toBe('Magnitude (layer-wise)');
    expect(seriesLabel('random')).toBe('Random (baseline)');
    expect(seriesLabel('dense')).toBe('Dense (unpruned)');
    expect(seriesLabel('magnitude-global (random re-init)')).toBe('Magnitude (global) — random re-init');
    expect(seriesLabel('dense_1/kernel')).toBe('dense_1/kernel');
  });
});
