/** Fields several models share, declared once. */
import { z } from 'zod';
import '../meta';

export const lookbackField = z.number().int().min(1).max(512).meta({ description: 'Bars of history in each window.', unit: 'bars' });
/** naive and drift ignore the window: one bar keeps the most samples and the shortest purge. */
export const baselineLookbackField = z
  .number()
  .int()
  .min(1)
  .max(512)
  .default(1)
  .meta({ description: 'Bars of history in each window (ignored by the forecast; sets the first forecast row and the purge).', unit: 'bars' });

export const dropoutRate = (description: string) => z.number().min(0).max(0.9).default(0).meta({ description, unit: 'fraction' });

export const recurrentActivationField = z
  .enum(['sigmoid', 'hardSigmoid'])
  .default('sigmoid')
  .meta({ description: 'Gate activation: sigmoid (PyTorch/Keras) or hardSigmoid (the tfjs default); recorded in the run.' });

export const unitsField = (description: string) => z.number().int().min(1).max(512).meta({ description, unit: 'units' });
