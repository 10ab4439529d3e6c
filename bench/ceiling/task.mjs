// The ceiling loop as a timed task beside a product of `flops` flops, in Node and in the page.
// Its check is exact: x·y = (1 + 2⁻³⁰)(1 − 2⁻³⁰) = 1 − 2⁻⁶⁰ rounds to 1, so each of the ten
// accumulators holds the step count exactly (below 2⁵³) and their sum is ten times it.

const X = 1 + 2 ** -30;
const Y = 1 - 2 ** -30;

/** Steps of 40 flops closest to `flops`; the task's own flops are 40 times this. */
export const ceilingSteps = (flops) => Math.max(1, Math.round(flops / 40));

/** A task { impl, fn, check } running the ceiling module's loop for about `flops` flops. */
export function ceilingTask(ceiling, flops) {
  const steps = ceilingSteps(flops);
  const fn = () =>
    new Float64Array(ceiling.memory.buffer, ceiling.mulAddCeiling(steps, X, Y), 2);
  const check = (out) => (out[0] === 10 * steps && out[1] === 10 * steps) ||
    `expected both lanes ${10 * steps}, got ${out[0]}, ${out[1]}`;
  return { impl: 'f64x2 ceiling', fn, check, steps };
}
