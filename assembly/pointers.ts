// Addressing f64 arrays by pointer, shared by the decomposition kernels: the start of stripe i
// (row i of a row-major or column i of a column-major matrix with leading dimension ld) and
// single entries. All inlined, so they cost nothing over writing the arithmetic out.

@inline export function stripe(p: usize, ld: i32, i: i32): usize {
  return p + ((<usize>i * <usize>ld) << 3);
}

@inline export function getAt(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

@inline export function putAt(p: usize, i: i32, x: f64): void {
  store<f64>(p + (<usize>i << 3), x);
}
