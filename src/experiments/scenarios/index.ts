// Every scenario of the reproduction, in report order. Each lives in a file of its own.
import type { Scenario } from '../types.js';

export const scenarios: Scenario[] = [];
