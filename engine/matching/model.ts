/**
 * The matching model as a definition (definitions/matching/modelo.json): checked against its
 * meta-schema, and read into the weights the scorer uses (log2 m/u per level). Pure.
 */
import Ajv from 'ajv';
import modelMetaSchema from '../../definitions/schema/matching-model.schema.json' with { type: 'json' };
import type { MatchInput } from './record.ts';
import { errorInstancePath, spanishMessage, withoutBranchNoise } from '../forms/messages.ts';

export const COMPARISONS = {
  curp: ['identica', 'homoclave', 'captura', 'letras_fecha', 'validas_16', 'validas_10', 'distintas', 'invalida_distinta', 'falta'],
  fecha: ['identica', 'dia_mes', 'anio', 'dias', 'distinta', 'falta'],
  sexo: ['igual', 'distinto', 'falta'],
  nombre: ['identico', 'significativos', 'contenido', 'parecido', 'conflicto', 'distinto', 'falta'],
  primer_apellido: ['igual', 'parecido', 'propio_en_segundo', 'distinto', 'falta'],
  segundo_apellido: ['igual', 'parecido', 'casada', 'distinto', 'falta'],
  domicilio: ['misma_calle', 'mismo_municipio', 'otro_municipio', 'falta'],
  telefono: ['igual', 'distinto', 'falta'],
} as const;

export type Comparison = keyof typeof COMPARISONS;
export type Level<C extends Comparison = Comparison> = (typeof COMPARISONS)[C][number];
export const COMPARISON_NAMES = Object.keys(COMPARISONS) as Comparison[];

/** What the model's file may name as a blocking key's parts. */
export type BlockPart = 'curp' | 'curp16' | 'curp10' | 'fecha' | 'anio' | 'sexo' | 'ap1' | 'ap2' | 'apellidos' | 'nombre' | 'cve_mun' | 'telefono';

export interface LevelProbabilities {
  m: number;
  u: number;
  etiqueta: string;
}

export interface ComparisonModel {
  niveles: Record<string, LevelProbabilities>;
  frecuencia?: { niveles: string[]; minimo: number; maximo: number };
}

export interface MatchingModel {
  $schema?: string;
  version: number;
  descripcion?: string;
  entrenado?: Record<string, unknown>;
  umbrales: { misma: number; revisar: number; rival: number };
  curpRepetida: number;
  maximoBloque?: number;
  comparaciones: Record<Comparison, ComparisonModel>;
  bloqueo: Array<{ nombre: string; partes: BlockPart[]; soloSinFecha?: boolean }>;
  evidencia: { fuerte: string[]; media: string[] };
  revisarSi: string[];
  pruebas: Array<{ nombre: string; padron: MatchInput[]; entrante: MatchInput; esperado: { decision: 'misma' | 'revisar' | 'distinta'; id?: string } }>;
}

export interface ModelError {
  pointer: string;
  code: 'MATCH_MODEL_SCHEMA' | 'MATCH_MODEL_THRESHOLDS';
  message: string;
}

const validateShape = new Ajv({ strict: true, allErrors: true, strictTypes: false }).compile<MatchingModel>(modelMetaSchema);

/** The model, or every problem with it (pointer and Spanish message), never an exception. */
export function loadMatchingModel(input: unknown): { ok: true; model: MatchingModel } | { ok: false; errors: ModelError[] } {
  if (!validateShape(input)) {
    return { ok: false, errors: withoutBranchNoise(validateShape.errors ?? []).map((e) => ({ pointer: errorInstancePath(e), code: 'MATCH_MODEL_SCHEMA', message: spanishMessage(e) })) };
  }
  if (input.umbrales.revisar > input.umbrales.misma) {
    return { ok: false, errors: [{ pointer: '/umbrales/revisar', code: 'MATCH_MODEL_THRESHOLDS', message: 'El umbral de revisión no puede ser mayor que el de «misma persona».' }] };
  }
  return { ok: true, model: input };
}

/** The weight of a level: log2(m/u), the evidence it adds for «same person». */
export function levelWeight(model: MatchingModel, comparison: Comparison, level: string): number {
  const p = model.comparaciones[comparison].niveles[level];
  return Math.log2(p.m / p.u);
}
