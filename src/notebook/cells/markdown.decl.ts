import { z } from 'zod';
import { declareCell } from './declaration';

export const markdownCellDeclaration = declareCell({
  kind: 'markdown',
  label: 'Notes',
  description: 'Notes in a safe subset of markdown (never raw HTML).',
  inputs: [],
  weight: 0,
  fields: {
    text: z.string().max(20_000).meta({ description: 'The note, in markdown.' }),
  },
});
