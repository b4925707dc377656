/** Every model an ensemble may hold (all but the ensemble): one line per model file. */
import { attentionSchema } from './attention';
import { cnnLstmSchema } from './cnnLstm';
import { driftSchema } from './drift';
import { gruSchema } from './gru';
import { lstmSchema } from './lstm';
import { mlpSchema } from './mlp';
import { naiveSchema } from './naive';
import { ridgeSchema } from './ridge';

export const MEMBER_MODEL_SCHEMAS = [naiveSchema, driftSchema, ridgeSchema, mlpSchema, lstmSchema, gruSchema, cnnLstmSchema, attentionSchema] as const;
