import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, CLOSED_STATUSES, isActiveStatus, STATUS_LOOK } from '../../engine/vocabulary.ts';

const schema = JSON.parse(readFileSync(new URL('../../definitions/schema/program.schema.json', import.meta.url), 'utf8'));
const oneActiveIndex = readFileSync(new URL('../../runtime/db/migrations/0003-one-active-application.ts', import.meta.url), 'utf8');

/** The status enum of the meta-schema, wherever it sits in the workflow's state definition. */
function schemaStatuses(node: unknown): string[] | null {
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    const status = (obj.properties as Record<string, { enum?: string[] }> | undefined)?.status;
    if (status?.enum && status.enum.includes('Corrección')) return status.enum;
    for (const child of Object.values(obj)) {
      const found = schemaStatuses(child);
      if (found) return found;
    }
  }
  return null;
}

/** Relative luminance contrast of a #rrggbb colour on white (WCAG 2). */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

describe('the platform vocabulary', () => {
  it('has exactly the statuses the definition meta-schema allows', () => {
    expect([...APPLICATION_STATUSES].sort()).toEqual([...schemaStatuses(schema)!].sort());
  });

  it('calls active what the one-active-application index calls active', () => {
    const inIndex = /status not in \(([^)]*)\)/.exec(oneActiveIndex)![1].split(',').map((s) => s.trim().replace(/'/g, ''));
    expect([...CLOSED_STATUSES].sort()).toEqual(inIndex.sort());
    expect(APPLICATION_STATUSES.filter(isActiveStatus)).toEqual(['En proceso', 'Corrección', 'Aprobada', 'Entregado']);
  });

  it('gives every status a colour readable on white (4.5:1 or more)', () => {
    for (const status of APPLICATION_STATUSES) expect(contrastOnWhite(STATUS_LOOK[status].colour), status).toBeGreaterThanOrEqual(4.5);
  });
});
