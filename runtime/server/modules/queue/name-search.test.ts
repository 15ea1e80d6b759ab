import { describe, expect, it } from 'vitest';
import { chooseWay, queueTuning } from './name-search.ts';

// «maría hernández garcía» at 10 M applications: three long lists, a few hundred matches.
const LONG_LISTS = [500_000, 250_000, 250_000];

describe('the way to a page of a name search', () => {
  it('walks the rarest list of a name with few matches when that reads less than the GIN index, in date order only', () => {
    const expected = (250_000 / 300) * 26;
    expect(chooseWay({ matches: 300, lists: LONG_LISTS }, 'fecha_desc', 26)).toEqual({ kind: 'walk', budget: Math.ceil(expected * 1.5) });
    expect(chooseWay({ matches: 300, lists: LONG_LISTS }, 'fecha_asc', 25)).toMatchObject({ kind: 'walk' });
    expect(chooseWay({ matches: 300, lists: LONG_LISTS }, 'nombre', 25)).toEqual({ kind: 'gin' });
    expect(chooseWay({ matches: 300, lists: LONG_LISTS }, 'folio', 25)).toEqual({ kind: 'gin' });
  });

  it('takes the GIN index when the matches are too few for a walk to find a page soon, or the lists are short', () => {
    expect(chooseWay({ matches: 5, lists: LONG_LISTS }, 'fecha_desc', 25)).toEqual({ kind: 'gin' });
    expect(chooseWay({ matches: 10, lists: [4_000, 900] }, 'fecha_desc', 25)).toEqual({ kind: 'gin' });
    // No estimate of the matches (0): the walk would have no bound worth trying.
    expect(chooseWay({ matches: 0, lists: LONG_LISTS }, 'fecha_desc', 25)).toEqual({ kind: 'gin' });
  });

  it('walks a common name in date order with the fixed budget, and browses the order’s index otherwise', () => {
    const matches = queueTuning.commonNameMatches + 1;
    expect(chooseWay({ matches, lists: LONG_LISTS }, 'fecha_desc', 25)).toEqual({ kind: 'walk', budget: queueTuning.walkPerRow * 25 });
    expect(chooseWay({ matches, lists: LONG_LISTS }, 'nombre', 25)).toEqual({ kind: 'browse' });
  });
});
