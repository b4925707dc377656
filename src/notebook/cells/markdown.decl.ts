import { z } from 'zod';
import { declareCell } from './declaration';

export const markdownCellDeclaration = declareCell({
  kind: 'markdown',
  label: 'Notes',
  description: 'Notes in markdown with GFM tables and lists; raw HTML shows as text, only http(s), mailto and relative links survive, images are never loaded.',
  inputs: [],
  weight: 0,
  fields: {
    text: z.string().max(20_000).meta({ description: 'The note, in markdown.' }),
  },
});
