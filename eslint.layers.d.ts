import type { Linter } from 'eslint';

/** The layering rules of docs/architecture.md (see eslint.layers.js). */
export declare const layers: Linter.Config[];
