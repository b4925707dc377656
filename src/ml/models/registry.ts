/**
 * How each model builds, as a constant array of definitions (one file per model). A model's
 * parameters, defaults and help are its declaration in src/spec/models; `build` returns a tfjs
 * LayersModel (fit by train.ts), an ArrayModel (fit in closed form) or, for ensembles, a marker
 * that train.ts expands into members.
 */
import type { ModelSpec, ModelSpecInput, ModelType } from '../../core/executor';
import { checkSpec, modelSpecSchema } from '../../spec';
import { attention } from './attention';
import { cnnLstm } from './cnnLstm';
import { drift } from './drift';
import { ensemble } from './ensemble';
import { gru } from './gru';
import { lstm } from './lstm';
import { mlp } from './mlp';
import { naive } from './naive';
import { ridge } from './ridge';
import type { ModelDefinition } from './types';

export type { ArrayModel, BuiltModel, ModelDefinition, ModelShape } from './types';

export const MODELS: readonly ModelDefinition[] = [naive, drift, ridge, mlp, lstm, gru, cnnLstm, attention, ensemble];

export function modelDefinition(type: ModelType): ModelDefinition {
  const found = MODELS.find((m) => m.type === type);
  if (!found) throw new Error(`unknown model type "${String(type)}", expected one of ${MODELS.map((m) => m.type).join(', ')}`);
  return found;
}

/**
 * The model spec checked against its declaration (members of an ensemble too), with every default
 * filled; throws naming each bad field by its path (`model.members[0].lookback: ...`).
 */
export function parseModelSpec(spec: ModelSpecInput | unknown): ModelSpec {
  return checkSpec(modelSpecSchema, spec, 'model');
}
