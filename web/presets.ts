// The paper's headline cases on the small default problem P0 (n = 5, d = 20, A ~ N(0, 1/d)),
// as form values, so choosing a preset only fills the form.
import type { FormValues } from './settings.ts';

export interface Preset {
  id: string;
  label: string;
  /** What the run should show, one line under the preset buttons. */
  expect: string;
  form: FormValues;
}

const base: FormValues = {
  n: '5', d: '20', depth: '2', widths: '10', initKind: 'gaussian', initScale: '1',
  firstLayer: 'same', lazyAlpha: '', step: '0.05', maxSteps: '20000', every: '100', seed: '1',
};

export const PRESETS: Preset[] = [
  {
    id: 'zero-first-layer',
    label: 'Zero first layer',
    expect: 'W1(0) = 0: θ ends at A⁺b exactly, for any depth, width or scale of the rest.',
    form: { ...base, firstLayer: 'zero', maxSteps: '40000' },
  },
  {
    id: 'small-scale',
    label: 'Small scale',
    expect: 'Gaussian(0.05): a plateau near the saddle, then θ within O(s) of A⁺b.',
    form: { ...base, depth: '1', initScale: '0.05', maxSteps: '40000' },
  },
  {
    id: 'large-scale',
    label: 'Large scale',
    expect: 'Gaussian(2): θ ends far from A⁺b, its null-space part set by W1(0) (T2).',
    form: { ...base, depth: '1', initScale: '2', step: '0.01', maxSteps: '20000' },
  },
  {
    id: 'lazy',
    label: 'Lazy α = 100',
    expect: 'Chizat scaling α = 100: θ ends near the lazy (tangent-kernel) solution.',
    form: { ...base, lazyAlpha: '100', step: 'auto', maxSteps: '20000' },
  },
];

export const DEFAULT_FORM: FormValues = { ...base };
