import { z } from 'zod';
import { lookbackField } from './common';
import { MEMBER_MODEL_SCHEMAS } from './members';

export const memberModelSchema = z.discriminatedUnion('type', MEMBER_MODEL_SCHEMAS);

export const ensembleSchema = z
  .strictObject({
    type: z.literal('ensemble').meta({ description: 'The model.' }),
    lookback: lookbackField,
    members: z
      .array(memberModelSchema)
      .min(1)
      .max(8)
      .meta({ description: "Member models, each with the ensemble's lookback (no nested ensembles)." }),
    combine: z
      .enum(['mean', 'stacked'])
      .default('mean')
      .meta({ description: "mean: average the members; stacked: a ridge on the members' predictions over the validation tail." }),
  })
  .superRefine((e, ctx) => {
    e.members.forEach((m, i) => {
      if (m.lookback !== e.lookback) ctx.addIssue({ code: 'custom', path: ['members', i, 'lookback'], message: `must equal the ensemble's lookback ${e.lookback}` });
    });
  })
  .meta({ title: 'Ensemble', description: 'Several models combined: their mean, or a ridge stack fitted on the validation tail.' });
