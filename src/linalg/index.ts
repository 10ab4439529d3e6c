export { Matrix } from './matrix.js';
export { Random, randn } from './random.js';
export { matmul, matvec, dot, axpy, scale, norm2, frobenius } from './products.js';
export type { MatmulOptions } from './products.js';
export type { VectorLike } from './validate.js';
