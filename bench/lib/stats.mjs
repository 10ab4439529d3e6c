// Robust summaries of timing samples: the median and the median absolute deviation (MAD),
// which a shared, noisy machine disturbs far less than the mean and standard deviation.

export function median(xs) {
  const v = [...xs].sort((a, b) => a - b);
  const k = v.length >> 1;
  return v.length % 2 === 1 ? v[k] : (v[k - 1] + v[k]) / 2;
}

export function mad(xs) {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/** Largest |x − ref| over the largest |ref|: the check every benchmarked result must pass. */
export function maxRelDiff(x, ref) {
  if (x.length !== ref.length) return Infinity;
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < ref.length; i++) scale = Math.max(scale, Math.abs(ref[i]));
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(x[i] - ref[i]));
  return scale === 0 ? worst : worst / scale;
}
