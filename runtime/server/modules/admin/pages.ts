import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { systemRole, WORKFLOW_ROLE_OPENS, type OfficialArea } from '../../../../engine/vocabulary.ts';
import { deliveryTransition } from '../delivery/index.ts';
import { programsInScope } from '../officials/index.ts';
import { programVersion } from '../programs/index.ts';

/**
 * The pages of the officials' side this official may open, so the web app draws its menu without
 * role names of its own: what each system role opens (engine/vocabulary.ts), the queue and the
 * dashboard for any workflow role, and «Entregar» for a role that fires the delivery step of a
 * program of their area. Each request is still checked on its own; this only decides the menu.
 */
export async function pagesFor(app: FastifyInstance, em: EntityManager, official: { roles: readonly string[]; area: string }): Promise<OfficialArea[]> {
  const pages = new Set<OfficialArea>();
  const workflowRoles = official.roles.filter((role) => !systemRole(role));
  for (const role of official.roles) for (const page of systemRole(role)?.opens ?? WORKFLOW_ROLE_OPENS) pages.add(page);
  if (workflowRoles.length > 0) {
    for (const program of await programsInScope(app, official.area)) {
      const delivery = deliveryTransition(await programVersion(app, em, program.id, program.currentVersion));
      if (delivery?.roles.some((role) => workflowRoles.includes(role))) {
        pages.add('entregar');
        break;
      }
    }
  }
  return [...pages].sort();
}
