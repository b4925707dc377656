import { z } from 'zod';
import '../meta';

export const demoSourceSchema = z
  .strictObject({
    type: z.literal('demo').meta({ description: 'The data source.' }),
    seed: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).meta({ description: 'Seed of the synthetic market: same seed, same bars.' }),
    bars: z.number().int().min(200).max(100_000).meta({ description: 'Number of daily bars to generate.', unit: 'bars' }),
    start: z.iso.date().optional().meta({ description: 'Date of the first bar (UTC, YYYY-MM-DD).' }),
  })
  .meta({ title: 'Demo market (synthetic)', description: 'A seeded synthetic BTC-like market with an on-chain activity series; labelled synthetic everywhere.' });
