import { describe, expect, it } from 'vitest';
import { padronFacts, PADRON_FACT_VARS, rulesReadPadron, type PadronSupport } from './facts.ts';

const support = (fecha: string | null, tipo = 'economico', programa = 'pam-03', monto: number | null = 1000): PadronSupport => ({ programa, dependencia: 'dif-estatal', tipo, monto, fecha });

describe('padrón facts for eligibility rules', () => {
  it('counts supports of this calendar year and of the last 6 and 12 months, by type, with the year’s amount', () => {
    const facts = padronFacts([support('2026-11-01'), support('2026-02-10', 'especie', 'despensas', null), support('2025-12-01', 'economico', 'pbe-02', 900), support('2025-05-31'), support('2026-12-01')], '2026-11-24');
    expect(facts).toEqual({
      apoyos6Meses: 1,
      apoyos12Meses: 3,
      economicos12Meses: 2,
      // The future-dated support counts in its year, not in the months before today.
      apoyosEsteAnio: 3,
      economicosEsteAnio: 2,
      especieEsteAnio: 1,
      serviciosEsteAnio: 0,
      montoEsteAnio: 2000,
      programas12Meses: ['despensas', 'pam-03', 'pbe-02'],
      dependencias12Meses: ['dif-estatal'],
    });
  });

  it('is all zeros and empty lists for a person without supports', () => {
    expect(padronFacts([], '2026-01-01')).toMatchObject({ apoyos12Meses: 0, economicosEsteAnio: 0, montoEsteAnio: 0, programas12Meses: [] });
  });

  it('counts the 12 months from the same day a year before, even from the end of a longer month', () => {
    expect(padronFacts([support('2025-03-01'), support('2025-02-28')], '2026-02-28').apoyos12Meses).toBe(1);
  });

  it('offers the designer every fact it computes, and knows which programs read them', () => {
    expect(PADRON_FACT_VARS.map((v) => v.path.slice(7)).sort()).toEqual(Object.keys(padronFacts([], '2026-01-01')).sort());
    expect(rulesReadPadron({ definition: { eligibility: [{ rule: { '===': [{ var: 'padron.economicos12Meses' }, 0] } }] }, ruleSets: [] })).toBe(true);
    expect(rulesReadPadron({ definition: { eligibility: [{ rule: { '>=': [{ var: 'solicitante.edad' }, 18] } }] }, ruleSets: [] })).toBe(false);
  });
});
