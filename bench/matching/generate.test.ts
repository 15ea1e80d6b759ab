import { describe, expect, it } from 'vitest';
import { validateCurp } from '../../engine/curp.ts';
import { buildCurp, curpPrefix16 } from './curp-build.ts';
import { DUMMY_CURPS, generateLabelledSet, MATCH_TAGS, mulberry32, NON_MATCH_TAGS, type PersonRecord } from './generate.ts';

const set = generateLabelledSet({ seed: 1, registry: 20_000, incoming: 5_000 });
const regById = new Map(set.registry.map((r) => [r.id, r]));
const prefixOf = (r: PersonRecord) =>
  curpPrefix16({
    primerApellido: r.primer_apellido,
    segundoApellido: r.segundo_apellido,
    nombre: r.nombre,
    fechaNacimiento: r.fecha_nacimiento,
    sexo: r.sexo as 'H' | 'M',
    estado: r.curp.slice(11, 13),
  });

describe('curp-build', () => {
  it('follows RENAPO rules', () => {
    const p = { primerApellido: 'HERNÁNDEZ', segundoApellido: 'LÓPEZ', nombre: 'MARÍA GUADALUPE', fechaNacimiento: '1985-03-04', sexo: 'M' as const, estado: 'QT' };
    const curp = buildCurp(p, mulberry32(1));
    expect(curp.startsWith('HELG850304MQTRPD')).toBe(true);
    expect(curp[16]).toMatch(/\d/);
    expect(validateCurp(curp).valid).toBe(true);
    expect(curpPrefix16({ ...p, primerApellido: 'DE LA CRUZ', segundoApellido: '', nombre: 'JOSÉ', fechaNacimiento: '2003-12-01', sexo: 'H' })).toBe('CUXJ031201HQTRXS');
    expect(curpPrefix16({ ...p, primerApellido: 'PEÑA', segundoApellido: 'MUÑOZ', nombre: 'MA. DE LOURDES' })).toBe('PEML850304MQTXXR');
    // BUEY is an inconvenient word: the second letter becomes X.
    expect(curpPrefix16({ ...p, primerApellido: 'BUENO', segundoApellido: 'ESPINO', nombre: 'YOLANDA' }).slice(0, 4)).toBe('BXEY');
    expect(buildCurp({ ...p, fechaNacimiento: '2004-01-01' }, mulberry32(2))[16]).toMatch(/[A-Z]/);
  });
});

describe('generateLabelledSet', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = generateLabelledSet({ seed: 7, registry: 2_000, incoming: 500 });
    const b = generateLabelledSet({ seed: 7, registry: 2_000, incoming: 500 });
    const c = generateLabelledSet({ seed: 8, registry: 2_000, incoming: 500 });
    const dump = (s: typeof a) => JSON.stringify([s.registry, s.incoming, [...s.truth], [...s.kinds]]);
    expect(dump(a)).toBe(dump(b));
    expect(dump(a)).not.toBe(dump(c));
  });

  it('gives every clean registry row a valid CURP consistent with name, date and sex', () => {
    let checked = 0;
    for (const r of set.registry) {
      const flags = set.registryKinds.get(r.id) ?? [];
      if (flags.includes('curp_error')) {
        expect(validateCurp(r.curp).valid).toBe(false);
        continue;
      }
      if (flags.includes('curp_ficticia')) {
        expect(DUMMY_CURPS).toContain(r.curp);
        continue;
      }
      const v = validateCurp(r.curp);
      expect(v.valid, r.curp).toBe(true);
      expect(r.curp.slice(0, 16)).toBe(prefixOf(r));
      expect(v.info.birthDate).toBe(r.fecha_nacimiento);
      checked++;
    }
    expect(checked).toBeGreaterThan(19_000);
    const unique = new Set(set.registry.filter((r) => !set.registryKinds.has(r.id)).map((r) => r.curp));
    expect(unique.size).toBe(set.registry.filter((r) => !set.registryKinds.has(r.id)).length);
  });

  it('keeps the proportions', () => {
    const n = set.registry.length;
    const flags = [...set.registryKinds.values()].flat();
    const share = (f: string) => flags.filter((x) => x === f).length / n;
    expect(share('curp_error')).toBeGreaterThan(0.015);
    expect(share('curp_error')).toBeLessThan(0.025);
    expect(share('curp_ficticia')).toBeGreaterThan(0.007);
    expect(share('curp_ficticia')).toBeLessThan(0.013);
    expect(share('sin_telefono')).toBeGreaterThan(0.04);
    expect(share('sin_telefono')).toBeLessThan(0.06);
    const matches = [...set.truth.values()].filter((v) => v !== null).length;
    expect(matches).toBe(3_500);
    const matchKinds = set.incoming.filter((r) => set.truth.get(r.id) !== null).map((r) => set.kinds.get(r.id) ?? []);
    const exact = matchKinds.filter((k) => k[0] === 'exacta').length / matches;
    expect(exact).toBeGreaterThan(0.22);
    expect(exact).toBeLessThan(0.28);
    const curp = matchKinds.filter((k) => k.some((t) => t.startsWith('curp_'))).length / matches;
    expect(curp).toBeGreaterThan(0.26);
    expect(curp).toBeLessThan(0.34);
    expect(Math.max(...matchKinds.map((k) => k.length))).toBeLessThanOrEqual(3);
    const hard = set.incoming.filter((r) => ['hermano', 'gemelo', 'homonimo', 'curp_familiar'].includes(set.kinds.get(r.id)?.[0] ?? '')).length;
    expect(hard).toBeGreaterThan(250);
  });

  it('uses every tag', () => {
    const seen = new Set([...set.kinds.values()].flat());
    for (const t of [...MATCH_TAGS, ...NON_MATCH_TAGS]) expect(seen.has(t), t).toBe(true);
  });

  it('points truth at registry rows and labels the non-matches', () => {
    for (const [id, rid] of set.truth) {
      if (rid !== null) expect(regById.has(rid)).toBe(true);
      else expect(NON_MATCH_TAGS as readonly string[]).toContain(set.kinds.get(id)?.[0]);
    }
  });

  it('makes twins share the first 16 CURP characters with a registry sibling, not the whole CURP', () => {
    const twins = set.incoming.filter((r) => set.kinds.get(r.id)?.[0] === 'gemelo');
    expect(twins.length).toBeGreaterThan(30);
    for (const t of twins) {
      const sib = set.registry.find(
        (r) => set.household.get(r.id) === set.household.get(t.id) && r.fecha_nacimiento === t.fecha_nacimiento && r.curp.slice(0, 16) === t.curp.slice(0, 16),
      );
      expect(sib, t.id).toBeDefined();
      expect(sib!.curp).not.toBe(t.curp);
      expect(sib!.nombre).not.toBe(t.nombre);
      expect(validateCurp(t.curp).valid).toBe(true);
    }
  });

  it("gives curp_familiar rows the CURP of another registry person of the same household", () => {
    const rows = set.incoming.filter((r) => set.kinds.get(r.id)?.[0] === 'curp_familiar');
    expect(rows.length).toBeGreaterThan(30);
    for (const r of rows) {
      const owner = set.registry.find((x) => x.curp === r.curp);
      expect(owner, r.id).toBeDefined();
      expect(set.household.get(owner!.id)).toBe(set.household.get(r.id));
      expect(owner!.calle).toBe(r.calle);
      expect(owner!.nombre).not.toBe(r.nombre);
    }
  });

  it('gives hermano, homonimo and nuevo rows valid CURPs of their own', () => {
    const registryCurps = new Set(set.registry.map((r) => r.curp));
    for (const r of set.incoming) {
      const kind = set.kinds.get(r.id)?.[0];
      if (kind !== 'hermano' && kind !== 'homonimo' && kind !== 'nuevo') continue;
      expect(validateCurp(r.curp).valid).toBe(true);
      expect(r.curp.slice(0, 16)).toBe(prefixOf(r));
      expect(registryCurps.has(r.curp)).toBe(false);
    }
  });

  it('builds valid CURPs for tens of thousands of people', () => {
    const big = generateLabelledSet({ seed: 3, registry: 30_000, incoming: 0 });
    const bad = big.registry.filter((r) => !big.registryKinds.get(r.id)?.some((f) => f.startsWith('curp')) && !validateCurp(r.curp).valid);
    expect(bad).toEqual([]);
  });
});
