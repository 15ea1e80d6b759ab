/**
 * The designer's view of a program definition: steps and fields of the form, rules as visual
 * conditions, the workflow as states and arrows. Pure functions; every change returns a new definition.
 * The planner never sees the JSON these produce. One file per concern in model/, re-exported here.
 */
export * from './model/basicos.ts';
export * from './model/campos.ts';
export * from './model/pasos.ts';
export * from './model/vista.ts';
export * from './model/reglas.ts';
export * from './model/flujo.ts';
