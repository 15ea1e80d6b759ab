import { describe, expect, it } from 'vitest';
import { evaluate } from './matching-eval.ts';

// The matcher held to the aims on a small labelled set (npm run eval:matching runs the big ones).
describe('the matcher on a labelled set of invented people (20 k × 5 k)', () => {
  it('links with precision ≥ 0.99, finds ≥ 0.90 automatically and ≥ 0.95 counting review, sends ≤ 8 % to review', { timeout: 60_000 }, () => {
    const f = evaluate(3, 20_000, 5_000);
    expect(f.precision).toBeGreaterThanOrEqual(0.99);
    expect(f.recallAuto).toBeGreaterThanOrEqual(0.9);
    expect(f.recallWithReview).toBeGreaterThanOrEqual(0.95);
    expect(f.reviewShare).toBeLessThanOrEqual(0.08);
    // No hard non-match (twins, siblings, a relative's CURP) is linked automatically.
    for (const [kind, e] of f.falseAutoByKind) expect(e.falseAuto, kind).toBe(0);
  });
});
