// Seeded random numbers computed entirely in Wasm, so a seed gives the same bits in every
// runtime (AssemblyScript's Math is compiled into the module, not imported from the host).
//
// Generator: xoshiro256** (Blackman and Vigna, 2018), state seeded by SplitMix64.
// Normals: Box–Muller; each pair of uniforms yields two normals, the second kept as a spare in
// the state so that the stream does not depend on how calls are chunked.
//
// State layout (RNG_STATE_BYTES = 48): s0 s1 s2 s3 (u64), hasSpare (f64 0 or 1), spare (f64).

export const RNG_STATE_BYTES: i32 = 48;

@inline function rotl(x: u64, k: u64): u64 {
  return (x << k) | (x >> (64 - k));
}

function splitmix64(z: u64): u64 {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Seed from a non-negative integer below 2^53 (passed as f64 so JS needs no BigInt). */
export function rngSeed(ps: usize, seed: f64): void {
  let x = <u64>seed;
  for (let i = 0; i < 4; i++) {
    x += 0x9e3779b97f4a7c15;
    store<u64>(ps + (<usize>i << 3), splitmix64(x));
  }
  store<f64>(ps, 0, 32);
  store<f64>(ps, 0, 40);
}

@inline function nextU64(ps: usize): u64 {
  const s0 = load<u64>(ps), s1 = load<u64>(ps, 8);
  const s2 = load<u64>(ps, 16), s3 = load<u64>(ps, 24);
  const result = rotl(s1 * 5, 7) * 9;
  const t = s1 << 17;
  const n2 = s2 ^ s0;
  const n3 = s3 ^ s1;
  store<u64>(ps, s0 ^ n3);
  store<u64>(ps, s1 ^ n2, 8);
  store<u64>(ps, n2 ^ t, 16);
  store<u64>(ps, rotl(n3, 45), 24);
  return result;
}

/** Uniform in [0, 1) with 53 random bits. */
@inline function nextUniform(ps: usize): f64 {
  return <f64>(nextU64(ps) >> 11) * 1.1102230246251565e-16; // 2^-53
}

export function rngUniform(ps: usize, pout: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(pout + (<usize>i << 3), nextUniform(ps));
}

export function rngNormal(ps: usize, pout: usize, n: i32, scale: f64): void {
  for (let i = 0; i < n; i++) {
    let z: f64;
    if (load<f64>(ps, 32) != 0) {
      z = load<f64>(ps, 40);
      store<f64>(ps, 0, 32);
    } else {
      // 1 - u lies in (0, 1], so the logarithm is finite.
      const r = Math.sqrt(-2 * Math.log(1 - nextUniform(ps)));
      const angle = 6.283185307179586 * nextUniform(ps);
      z = r * Math.cos(angle);
      store<f64>(ps, r * Math.sin(angle), 40);
      store<f64>(ps, 1, 32);
    }
    store<f64>(pout + (<usize>i << 3), scale * z);
  }
}
