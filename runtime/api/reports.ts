/**
 * HTTP contract of the queue's report downloads (GET /funcionario/reportes/solicitudes.csv and
 * .xlsx): besides the file, two headers tell the browser about how much is coming, so it can show
 * the download's progress. Both are estimates (exact for a report that fits in one batch): a
 * progress bar counts the bytes received against the second one.
 */
export const REPORT_HEADERS = {
  /** The rows the report will hold, about. */
  rows: 'x-filas-estimadas',
  /** The file's size in bytes, about. */
  bytes: 'x-bytes-estimados',
} as const;
