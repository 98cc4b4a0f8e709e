/*
 * How the command line writes what it prints. The writers themselves are the engine's (electron/engine/exports/
 * resultText.ts), so a query streamed to stdout and one exported to a file (exports.write) are written alike.
 */
export { write, writeText, type PageReader } from '../engine';

export type Format = 'csv' | 'json' | 'xlsx';
