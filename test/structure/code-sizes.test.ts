/**
 * The size goals of issue 10, held: no function over 150 lines in non-test code, React components'
 * p90 at most 60 lines, no file over 400 lines (tables and generated types aside). `npm run sizes`
 * prints the figures and names what is over.
 */
import { describe, expect, it } from 'vitest';
import { measure } from './code-sizes.ts';

describe('code sizes', () => {
  const report = measure();
  it('has no function over 150 lines', () => {
    expect(report.longFunctions.map((f) => `${f.file} ${f.name} (${f.lines})`)).toEqual([]);
  });
  it('keeps the p90 of React components at 60 lines or less', () => {
    expect(report.componentP90).toBeLessThanOrEqual(60);
  });
  it('has no file over 400 lines', () => {
    expect(report.longFiles.map((f) => `${f.file} (${f.lines})`)).toEqual([]);
  });
});
