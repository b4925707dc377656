/**
 * The models, as a constant array of definitions (one file per model), each with its parameter
 * schema and defaults. `build` returns a tfjs LayersModel (fit by train.ts), an ArrayModel (fit
 * in closed form) or, for ensembles, a marker that train.ts expands into members.
 */
import type { ModelSpec, ModelType } from '../../core/executor';
import { attention } from './attention';
import { cnnLstm } from './cnnLstm';
import { drift } from './drift';
import { ensemble } from './ensemble';
import { gru } from './gru';
import { lstm } from './lstm';
import { mlp } from './mlp';
import { naive } from './naive';
import { ridge } from './ridge';
import { checkParams, type ModelDefinition } from './types';

export type { ArrayModel, BuiltModel, ModelDefinition, ModelShape, ParamSchema } from './types';

export const MODELS: readonly ModelDefinition[] = [naive, drift, ridge, mlp, lstm, gru, cnnLstm, attention, ensemble];

export function modelDefinition(type: ModelType): ModelDefinition {
  const found = MODELS.find((m) => m.type === type);
  if (!found) throw new Error(`unknown model type "${String(type)}", expected one of ${MODELS.map((m) => m.type).join(', ')}`);
  return found;
}

/** A copy of the model's default spec (for a new model cell). */
export function defaultSpec(type: ModelType): ModelSpec {
  return structuredClone(modelDefinition(type).defaults);
}

/** Checks every field against the model's schema (members of an ensemble too); throws a precise error. */
export function checkSpec(spec: ModelSpec): void {
  const definition = modelDefinition(spec.type);
  checkParams(spec, definition.params);
  if (spec.type === 'ensemble') {
    spec.members.forEach((member, i) => {
      if (member.type === 'ensemble') throw new Error(`ensemble.members[${i}] is an ensemble; nest members directly instead`);
      if (member.lookback !== spec.lookback) {
        throw new Error(`ensemble.members[${i}] has lookback ${member.lookback} but the ensemble has ${spec.lookback}; use one lookback`);
      }
      checkSpec(member);
    });
  }
}
