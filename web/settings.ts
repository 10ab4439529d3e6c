// The demo's form as data: every field arrives as the text the researcher typed, is checked
// here once, and either becomes a RunSettings or a message to show next to its field. Nothing
// in this file throws on bad input.
import type { InitKind } from '../src/dln/types.ts';

export const FIELD_NAMES = [
  'n', 'd', 'depth', 'widths', 'initKind', 'initScale', 'firstLayer', 'lazyAlpha', 'step',
  'maxSteps', 'every', 'seed',
] as const;

export type FieldName = (typeof FIELD_NAMES)[number];
export type FormValues = Record<FieldName, string>;
export type FieldErrors = Partial<Record<FieldName, string>>;

/** The initializations a person can pick on the page ('custom' needs a matrix, so it is not). */
export const INIT_KINDS = [
  'gaussian', 'orthogonal', 'identity', 'zero', 'balancedRankOne',
] as const satisfies readonly InitKind[];

export type PageInitKind = (typeof INIT_KINDS)[number];

export interface RunSettings {
  n: number;
  d: number;
  /** Hidden widths [m1 … mh]; depth h = widths.length. */
  widths: number[];
  initKind: PageInitKind;
  initScale: number;
  /** 'zero' starts W1 (or θ itself at depth 0) at zero, the paper's exact-A⁺b case. */
  firstLayer: 'same' | 'zero';
  /** Chizat–Oyallon–Bach α; undefined trains the plain network. */
  lazyAlpha: number | undefined;
  step: number | 'auto';
  maxSteps: number;
  every: number;
  seed: number;
}

export type Parsed = { ok: true; settings: RunSettings } | { ok: false; errors: FieldErrors };

/** Sizes beyond these would make the page's worker take minutes per run, or hold huge plots. */
export const LIMITS = { size: 2000, steps: 10_000_000, rows: 100_000 } as const;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number written in plain decimal or e-notation, or a message saying what came instead. */
function parseNumber(text: string): number | string {
  const t = text.trim();
  if (t === '') return 'is empty';
  if (!NUMBER.test(t)) return `is not a number: "${t}"`;
  const x = Number(t);
  return Number.isFinite(x) ? x : `is not finite: "${t}"`;
}

function parseInteger(text: string, min: number, max: number): number | string {
  const x = parseNumber(text);
  if (typeof x === 'string') return x;
  if (!Number.isInteger(x)) return `must be an integer; got ${x}`;
  if (x < min || x > max) return `must be in [${min}, ${max}]; got ${x}`;
  return x;
}

/** Widths as a comma or space separated list; one value stands for every hidden layer. */
function parseWidths(text: string, depth: number): number[] | string {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  if (depth === 0) return parts.length === 0 ? [] : 'must be empty when depth is 0';
  if (parts.length === 0) return `must list ${depth} width(s) (or one for all) when depth > 0`;
  const widths: number[] = [];
  for (const p of parts) {
    const m = parseInteger(p, 1, LIMITS.size);
    if (typeof m === 'string') return `each width ${m}`;
    widths.push(m);
  }
  if (widths.length === 1) return new Array<number>(depth).fill(widths[0]!);
  if (widths.length !== depth) {
    return `must list ${depth} width(s) (one per hidden layer) or one for all; got ` +
      `${widths.length}`;
  }
  return widths;
}

/**
 * Check every field of the form.
 * @param form the raw text of each field
 * @returns the settings, or one message per bad field (each starts lower-case, after the name)
 */
export function parseSettings(form: FormValues): Parsed {
  const errors: FieldErrors = {};
  const take = <T>(name: FieldName, value: T | string): T | undefined => {
    if (typeof value === 'string') {
      errors[name] = value;
      return undefined;
    }
    return value;
  };

  const n = take('n', parseInteger(form.n, 1, LIMITS.size));
  const d = take('d', parseInteger(form.d, 1, LIMITS.size));
  if (n !== undefined && d !== undefined && d <= n) {
    errors.d = `must exceed n (the system must be underdetermined); got d = ${d} ≤ n = ${n}`;
  }
  const depth = take('depth', parseInteger(form.depth, 0, 20));
  const widths = depth === undefined ? undefined : take('widths', parseWidths(form.widths, depth));

  const initKind = INIT_KINDS.find((k) => k === form.initKind);
  if (initKind === undefined) errors.initKind = `must be one of ${INIT_KINDS.join(', ')}`;
  const initScale = take('initScale', parseNumber(form.initScale));
  if (initScale !== undefined && initScale < 0) errors.initScale = `must be ≥ 0; got ${initScale}`;
  const firstLayer = form.firstLayer === 'zero' ? 'zero' : 'same';

  let lazyAlpha: number | undefined;
  if (form.lazyAlpha.trim() !== '') {
    lazyAlpha = take('lazyAlpha', parseNumber(form.lazyAlpha));
    if (lazyAlpha !== undefined && !(lazyAlpha > 0)) {
      errors.lazyAlpha = `must be > 0 (or empty for no lazy scaling); got ${lazyAlpha}`;
    }
  }

  let step: number | 'auto' | undefined = 'auto';
  if (form.step.trim() !== 'auto') {
    step = take('step', parseNumber(form.step));
    if (step !== undefined && !(step > 0)) errors.step = `must be > 0 or "auto"; got ${step}`;
  }
  const maxSteps = take('maxSteps', parseInteger(form.maxSteps, 1, LIMITS.steps));
  const every = take('every', parseInteger(form.every, 1, LIMITS.steps));
  const seed = take('seed', parseInteger(form.seed, 0, 2 ** 32 - 2));
  if (maxSteps !== undefined && every !== undefined && maxSteps / every > LIMITS.rows) {
    errors.every = `must be ≥ max steps / ${LIMITS.rows} = ${Math.ceil(maxSteps / LIMITS.rows)}` +
      ` (at most ${LIMITS.rows} recorded rows); got ${every}`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      n: n!, d: d!, widths: widths!, initKind: initKind!, initScale: initScale!, firstLayer,
      lazyAlpha, step: step!, maxSteps: maxSteps!, every: every!, seed: seed!,
    },
  };
}
