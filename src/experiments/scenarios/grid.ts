// Config grids: the Cartesian product of a scenario's axes times its seeds, with `--set`
// overrides (a comma-separated list for an axis, one value for a parameter, `seeds=N`).
import { InvalidArgument } from '../../core/errors.js';
import type { Config, GridOptions } from '../types.js';

export type Value = number | string | boolean;

/** More seeds than this per grid point is a typo, not a sweep (1 000 already costs minutes). */
const MAX_SEEDS = 1000;

export interface GridSpec {
  /** Swept axes, in the order the configs vary (last fastest). */
  axes: Record<string, Value[]>;
  /** Seeds 0 … seeds − 1 for every point. */
  seeds: number;
  /** Fixed parameters copied into every config (budgets, sizes). */
  params?: Record<string, Value>;
}

function parseValue(raw: string): Value {
  const t = raw.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  // Decimal notation only: Number() would also read '0x2', '0b1' and '' as numbers.
  const x = Number(t);
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) && Number.isFinite(x) ? x : t;
}

/**
 * Expand a scenario's grid.
 * @param id the scenario id, named in error messages
 * @param spec the default and quick grids
 * @param opts quick flag and `--set` overrides
 * @param keep drops invalid combinations of axis values
 * @throws {InvalidArgument} for an override key that is no axis, parameter or 'seeds'
 */
export function makeGrid(
  id: string,
  spec: { full: GridSpec; quick: GridSpec },
  opts: GridOptions,
  keep: (c: Config) => boolean = () => true,
): Config[] {
  const base = opts.quick ? spec.quick : spec.full;
  const axes: Record<string, Value[]> = { ...base.axes };
  const params: Record<string, Value> = { ...(base.params ?? {}) };
  let seeds = base.seeds;
  for (const [key, raw] of Object.entries(opts.overrides ?? {})) {
    if (key === 'seeds') {
      const n = Number(raw);
      if (!/^\d+$/.test(raw.trim()) || n < 1 || n > MAX_SEEDS) {
        throw new InvalidArgument(
          `${id}.grid: override 'seeds' must be a whole number from 1 to ${MAX_SEEDS}; got ${raw}`,
        );
      }
      seeds = n;
    } else if (Object.hasOwn(axes, key)) {
      axes[key] = raw.split(',').map((r) => overrideValue(id, key, r, [
        ...spec.full.axes[key] ?? [], ...spec.quick.axes[key] ?? []]));
    } else if (Object.hasOwn(params, key)) {
      const defaults = [spec.full.params?.[key], spec.quick.params?.[key]];
      params[key] = overrideValue(id, key, raw, defaults);
    } else {
      const known = ['seeds', ...Object.keys(axes), ...Object.keys(params)].join(', ');
      throw new InvalidArgument(
        `${id}.grid: unknown override '${key}'; expected one of ${known}`,
      );
    }
  }

  let points: Record<string, Value>[] = [{}];
  for (const [key, values] of Object.entries(axes)) {
    const next: Record<string, Value>[] = [];
    for (const p of points) for (const v of values) next.push({ ...p, [key]: v });
    points = next;
  }
  const configs: Config[] = [];
  for (const p of points) {
    for (let seed = 0; seed < seeds; seed++) {
      const c = { ...params, ...p, seed } as Config;
      if (keep(c)) configs.push(c);
    }
  }
  return configs;
}

/**
 * Keys that count something (depth, width, steps), by the names every scenario uses: a
 * fractional value would only fail inside a worker, after the run log was moved aside.
 */
const COUNTS = new Set(['h', 'm', 'n', 'd', 'maxSteps', 'every', 'trainMaxWidth']);

/**
 * One `--set` value, of the kind the grid's own values have: a finite number where they are
 * numbers (a positive one where they all are: depths, widths, scales, step budgets), one of
 * them where they are words; checked here so no worker starts on a bad value.
 */
function overrideValue(id: string, key: string, raw: string, defaults: (Value | undefined)[]) {
  const value = parseValue(raw);
  const known = defaults.filter((v): v is Value => v !== undefined);
  if (known.every((v) => typeof v === 'number')) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidArgument(
        `${id}.grid: override '${key}' takes finite numbers; got '${raw}'`,
      );
    }
    if (known.every((v) => (v as number) > 0) && !((value as number) > 0)) {
      throw new InvalidArgument(
        `${id}.grid: override '${key}' takes positive numbers, as its grid does; got '${raw}'`,
      );
    }
    if (COUNTS.has(key) && !Number.isSafeInteger(value)) {
      throw new InvalidArgument(
        `${id}.grid: override '${key}' takes whole numbers (it counts layers, units or ` +
          `steps); got '${raw}'`,
      );
    }
  } else if (known.every((v) => typeof v === 'string') && !(known as Value[]).includes(value)) {
    const words = [...new Set(known)].join(', ');
    throw new InvalidArgument(`${id}.grid: override '${key}' takes one of ${words}; got '${raw}'`);
  }
  return value;
}

/** A log-spaced grid from 10^lo to 10^hi with `count` points, rounded to 3 digits. */
export function logGrid(lo: number, hi: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const e = lo + ((hi - lo) * i) / (count - 1);
    out.push(Number((10 ** e).toPrecision(3)));
  }
  return out;
}

/** Read a numeric config field; the grid put it there, so a wrong type is a bug. */
export function num(c: Config, key: string): number {
  const v = c[key];
  if (typeof v !== 'number') {
    throw new InvalidArgument(`config field '${key}' must be a number; got ${typeof v}`);
  }
  return v;
}

export function str(c: Config, key: string): string {
  const v = c[key];
  if (typeof v !== 'string') {
    throw new InvalidArgument(`config field '${key}' must be a string; got ${typeof v}`);
  }
  return v;
}
