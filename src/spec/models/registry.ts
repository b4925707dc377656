/**
 * Every model's declaration, one file each: the members an ensemble may hold (members.ts) and
 * the ensemble. The notebook's model field, the executor's spec type and the compute worker's
 * spec check are all this union.
 */
import { z } from 'zod';
import { ensembleSchema } from './ensemble';
import { MEMBER_MODEL_SCHEMAS } from './members';

export { memberModelSchema } from './ensemble';

export const MODEL_SCHEMAS = [...MEMBER_MODEL_SCHEMAS, ensembleSchema] as const;

export const modelSpecSchema = z.discriminatedUnion('type', MODEL_SCHEMAS);

/** A model spec with every default filled (what the notebook holds and the trainer reads). */
export type ModelSpec = z.output<typeof modelSpecSchema>;
/** A model spec as a caller may write it: fields with a default may be left out. */
export type ModelSpecInput = z.input<typeof modelSpecSchema>;
export type ModelType = ModelSpec['type'];
export type ModelSpecOf<T extends ModelType> = Extract<ModelSpec, { type: T }>;


export { attentionSchema } from './attention';
export { cnnLstmSchema } from './cnnLstm';
export { driftSchema } from './drift';
export { ensembleSchema } from './ensemble';
export { gruSchema } from './gru';
export { lstmSchema } from './lstm';
export { mlpSchema } from './mlp';
export { naiveSchema } from './naive';
export { ridgeSchema } from './ridge';
