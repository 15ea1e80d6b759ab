import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { filtersQuery } from '../../../api/queue.ts';
import { REPORT_HEADERS } from '../../../api/reports.ts';
import { officialContext } from './context.ts';
import { selectionOf } from './queue.service.ts';
import { csvReport, reportFileName, xlsxReport, type ReportDownload } from './report.ts';

function sendDownload(reply: FastifyReply, report: ReportDownload, fileName: string, contentType: string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header(REPORT_HEADERS.rows, String(report.estimatedRows))
    .header(REPORT_HEADERS.bytes, String(report.estimatedBytes))
    .send(report.body);
}

/**
 * The queue's reports (contract: runtime/API-funcionarios.md). Sent as they are written, without
 * the server's gzip: the XLSX is a zip already, and gzipping a million-row CSV would cost the API
 * seconds of CPU for a file that is mostly read on the offices' network.
 */
export function reportRoutes(untyped: FastifyInstance): void {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  const official = { preHandler: app.requireOfficial(), compress: false as const };
  const tags = ['funcionarios'];

  app.get('/funcionario/reportes/solicitudes.csv', { ...official, schema: { tags, summary: 'Reporte CSV de la bandeja filtrada (hasta 1,000,000 de filas)', querystring: filtersQuery } }, async (request, reply) => {
    const ctx = await officialContext(app, request);
    const selection = selectionOf(ctx, request.query);
    return sendDownload(reply, await csvReport(app, ctx, selection), reportFileName(app.clock(), 'csv'), 'text/csv; charset=utf-8');
  });

  app.get('/funcionario/reportes/solicitudes.xlsx', { ...official, schema: { tags, summary: 'Reporte XLSX de la bandeja filtrada (hasta 1,000,000 de filas)', querystring: filtersQuery } }, async (request, reply) => {
    const ctx = await officialContext(app, request);
    const selection = selectionOf(ctx, request.query);
    return sendDownload(reply, await xlsxReport(app, ctx, selection), reportFileName(app.clock(), 'xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });
}
