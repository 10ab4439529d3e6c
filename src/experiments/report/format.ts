// Numbers and tables as the report prints them.
import { isMeanStd } from '../stats.js';
import type { Cell } from '../types.js';

/**
 * A number in at most 4 significant digits: integers as they are, very small or large
 * magnitudes in exponent form (1.23e-9), NaN and ±Infinity spelled out.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

/** A cell: numbers through formatNumber, `MeanStd` as `mean ± std`, text escaped for tables. */
export function formatCell(cell: Cell): string {
  if (typeof cell === 'number') return formatNumber(cell);
  if (isMeanStd(cell)) return `${formatNumber(cell.mean)} ± ${formatNumber(cell.std)}`;
  return String(cell).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A GitHub-flavoured markdown table. */
export function markdownTable(columns: readonly string[], rows: readonly Cell[][]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map((c) => formatCell(c))),
    line(columns.map(() => '---')),
    ...rows.map((r) => line(r.map(formatCell))),
  ].join('\n');
}

/** Milliseconds as `850 ms`, `12.3 s` or `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

const SUPERSCRIPT: Record<string, string> = {
  0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹',
  '+': '⁺', '−': '⁻', '-': '⁻', '(': '⁽', ')': '⁾', '=': '⁼', h: 'ʰ', i: 'ⁱ', k: 'ᵏ',
  m: 'ᵐ', n: 'ⁿ', t: 'ᵗ',
};
const SUBSCRIPT: Record<string, string> = {
  0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉',
  '+': '₊', '−': '₋', '-': '₋', '(': '₍', ')': '₎', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ',
  m: 'ₘ', n: 'ₙ', t: 'ₜ',
};

/**
 * Scenario texts write exponents and indices as in TeX (`s^{h+1}`, `S_{i+1}`); the report
 * prints them as Unicode super- and subscripts (sʰ⁺¹, Sᵢ₊₁). Where a character has no such
 * form (a slash, most letters), the group keeps plain parentheses instead: `^(2/(h+1))`.
 */
export function prettyMath(text: string): string {
  return text.replace(/([\^_])\{([^{}]*)\}/g, (_, mark: string, body: string) => {
    const table = mark === '^' ? SUPERSCRIPT : SUBSCRIPT;
    const chars = [...body];
    if (chars.length > 0 && chars.every((c) => table[c] !== undefined)) {
      return chars.map((c) => table[c]).join('');
    }
    return `${mark}(${body})`;
  });
}
