// Products of chains of layers for the closed forms of theory.ts: plain, with the caller named in
// an Overflow, or kept near unit scale for the forms that do not depend on the scale.
import { Overflow } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import { normalizingExponent, scaledData } from '../linalg/scaling.js';
import { checkChain, checkFactors } from './arguments.js';

/** The product of finite layers that chain; fn names the caller in errors. */
export function chainProduct(fn: string, name: string, layers: Matrix[], first = 0): Matrix {
  checkFactors(fn, name, layers);
  checkChain(fn, name, layers);
  let p = layers[0]!;
  for (let i = 1; i < layers.length; i++) {
    p = matmul(p, layers[i]!, { checkFinite: false });
    const bad = p.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new Overflow(
        `${fn}: the product ${name}[${first}] ⋯ ${name}[${first + i}] leaves the f64 range ` +
          `(entry [${bad}] is ${p.data[bad]}; finite layers, product > 1.8e308)`,
      );
    }
  }
  return p;
}

/** Magnitudes within 2^±256 of 1 are left alone: products of two stay far inside f64. */
const SAFE_EXPONENT = 256;

/** m itself, or m·2^e with its largest entry brought into [1, 2) when it is far from 1. */
function nearUnit(m: Matrix): { m: Matrix; e: number } {
  const e = normalizingExponent(m.data);
  if (Math.abs(e) <= SAFE_EXPONENT) return { m, e: 0 };
  return { m: new Matrix(m.rows, m.cols, scaledData(m.data, e)), e };
}

/**
 * The product of layers as 2^exponent·product, every partial product kept near unit scale, so
 * that a product beyond the f64 range (layers of 1e-170, say) still has its direction. Layers
 * of moderate size are used as they are, so the usual case costs one max-scan a layer.
 */
export function scaledChain(
  fn: string, name: string, layers: Matrix[],
): { product: Matrix; exponent: number } {
  checkFactors(fn, name, layers);
  checkChain(fn, name, layers);
  let { m: p, e: shift } = nearUnit(layers[0]!);
  for (let i = 1; i < layers.length; i++) {
    const next = nearUnit(layers[i]!);
    const step = nearUnit(matmul(p, next.m));
    p = step.m;
    shift += next.e + step.e;
  }
  return { product: p, exponent: -shift };
}
