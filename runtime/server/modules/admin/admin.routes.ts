import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import {
  AREA_TYPES,
  areaResponse,
  grantableRolesResponse,
  newAreaBody,
  newOfficialBody,
  officialChangesBody,
  officialResponse,
  officialsQuery,
  ownProfileResponse,
  type Funcionario,
} from '../../../api/admin.ts';
import { idParams } from '../../../api/common.ts';
import { AppError } from '../../errors.ts';
import { spanishValidation, type FieldTexts } from '../accounts/index.ts';
import { areaNames, createArea, listAreas } from './areas.ts';
import { addOfficial, CORREO_TEXT, listOfficials, updateOfficial, USUARIO_TEXT, type AdminDeps } from './officials.service.ts';
import { adminScope } from './admin-scope.ts';
import { ROLE_ADMIN, SYSTEM_ROLES } from './roles.ts';
import { pagesFor } from './pages.ts';

const TEXTS: FieldTexts = {
  usuario: { label: 'el usuario', invalid: USUARIO_TEXT },
  nombre: { label: 'el nombre', invalid: 'Escribe el nombre (máximo 150 caracteres).' },
  correo: { label: 'el correo', invalid: CORREO_TEXT },
  roles: { label: 'los roles', invalid: 'Los roles deben ser una lista de 1 a 20 identificadores de rol.' },
  area: { label: 'el área', invalid: 'El área debe ser el identificador de un área (minúsculas, números y guiones).' },
  contrasena: { label: 'la contraseña', invalid: 'Escribe una contraseña (máximo 128 caracteres).' },
  estatus: { label: 'el estatus', invalid: 'El estatus debe ser «activo» o «inactivo».' },
  id: { label: 'el identificador', invalid: 'El identificador debe ser minúsculas, números y guiones (por ejemplo, direccion-programas-sociales).' },
  tipo: { label: 'el tipo', invalid: `El tipo debe ser ${AREA_TYPES.join(', ')}.` },
  padreId: { label: 'el área superior', invalid: 'El área superior debe ser el identificador de un área, o null para una dependencia.' },
  q: { label: 'la búsqueda', invalid: 'La búsqueda puede tener hasta 100 caracteres.' },
};
const fieldErrors = spanishValidation(TEXTS);
/** Like the other routes' messages, plus the one complaint about the whole body: a change that changes nothing. */
const schemaErrorFormatter = (errors: FastifySchemaValidationError[], dataVar: string) =>
  errors.some((e) => e.keyword === 'minProperties')
    ? new AppError('VALIDATION_FAILED', 'Indica al menos un dato para cambiar.', { fields: [{ path: dataVar, message: 'Indica al menos un dato para cambiar.' }] })
    : fieldErrors(errors, dataVar);

const ROLE_TEXTS: Record<string, string> = {
  administrador: 'Administra SIPROS: funcionarios, áreas; también Consulta ciudadana.',
  funcionario: 'Ve las solicitudes, el tablero y los reportes de su área, sin datos personales.',
  'atencion-ciudadana': 'Consulta ciudadana y Ventanilla: busca por CURP, corrige datos de contacto y captura solicitudes.',
  planeacion: 'Diseña los programas (formularios, requisitos y flujos).',
};

/**
 * Administration of SIPROS (role `administrador`): the area tree and the officials' accounts,
 * each administrator held to their own subtree (admin-scope.ts); plus `GET /funcionario/yo`, the
 * logged-in official's own profile. Authorisation runs in onRequest, before the body is parsed
 * or validated: nobody without the role learns anything from the validation messages.
 */
export async function adminRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  const adminOnly = { onRequest: app.requireOfficial([ROLE_ADMIN]), schemaErrorFormatter };
  const tags = ['administración'];
  const deps = async (request: FastifyRequest): Promise<AdminDeps> => ({
    em: request.em,
    sql: app.db.sql,
    now: app.clock(),
    actor: { type: 'funcionario', id: request.subjectId },
    scope: await adminScope(app, request.em, request.official),
  });

  app.get(
    '/funcionario/yo',
    {
      onRequest: app.requireOfficial(),
      schema: {
        tags: ['funcionarios'],
        summary: 'Datos del funcionario con sesión: roles y área (y el nombre del área)',
        response: { 200: ownProfileResponse },
      },
    },
    async (request): Promise<Funcionario> => {
      const o = request.official;
      const names = await areaNames(request.em, [o.area]);
      return { id: o.id, usuario: o.usuario, nombre: o.nombre, correo: o.correo, roles: o.roles, area: o.area, areaNombre: names.get(o.area) ?? null, abre: await pagesFor(app, request.em, o) };
    },
  );

  app.get('/admin/areas', { ...adminOnly, schema: { tags, summary: 'Árbol de áreas (dependencia → subsecretaría → dirección), cada área después de su superior', response: { 200: { type: 'array', items: areaResponse } } } }, async (request) => listAreas(request.em, (await deps(request)).scope));

  app.post(
    '/admin/areas',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Agrega un área bajo un área del nivel superior',
        body: newAreaBody,
        response: { 201: areaResponse },
      },
    },
    async (request, reply) => {
      const d = await deps(request);
      return reply.status(201).send(await createArea(request.em, request.body, d.actor, d.now, d.scope));
    },
  );

  app.get(
    '/admin/roles',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Roles que esta persona administradora puede asignar: los que tiene, «funcionario» y los de los flujos de los programas de sus áreas (todos, en la raíz del árbol)',
        response: { 200: grantableRolesResponse },
      },
    },
    async (request) =>
      [...(await adminScope(app, request.em, request.official)).grantable].map((id) => ({
        id,
        descripcion: ROLE_TEXTS[id] ?? 'Rol del flujo de trabajo de uno o más programas.',
        deFlujo: !(SYSTEM_ROLES as readonly string[]).includes(id),
      })),
  );

  app.get(
    '/admin/funcionarios',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Lista de funcionarios de las áreas a cargo (Usuario, Nombre, Correo, Tipo Usuario, Rol, Módulo, Estatus); q busca en usuario, nombre y correo',
        querystring: officialsQuery,
        response: { 200: { type: 'array', items: officialResponse } },
      },
    },
    async (request) => listOfficials(app.db.sql, (await deps(request)).scope, request.query.q ?? ''),
  );

  app.post(
    '/admin/funcionarios',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Da de alta a un funcionario',
        body: newOfficialBody,
        response: { 201: officialResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await addOfficial(await deps(request), request.body)),
  );

  app.patch(
    '/admin/funcionarios/:id',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Cambia nombre, correo, roles, área, estatus o contraseña de un funcionario; desactivarlo o cambiar su contraseña cierra sus sesiones',
        params: idParams,
        body: officialChangesBody,
        response: { 200: officialResponse },
      },
    },
    async (request) => updateOfficial(await deps(request), request.params.id, request.body),
  );
}
