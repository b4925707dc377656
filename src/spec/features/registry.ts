/**
 * Every feature's declaration, in the order the UI lists them. A notebook's feature entry is
 * `{ name, column?, columns?, ...params }`: the entry schema of its feature.
 */
import { z } from 'zod';
import type { FeatureDeclaration } from './declaration';
import * as osc from './oscillators';
import * as prices from './prices';
import * as transforms from './transforms';
import * as vc from './volumeCalendar';

export type { FeatureDeclaration } from './declaration';

export const FEATURE_DECLARATIONS = [
  prices.logReturnFeature,
  prices.simpleReturnFeature,
  prices.logReturnNFeature,
  transforms.lagFeature,
  transforms.growthFeature,
  transforms.ratioFeature,
  transforms.rollingMeanFeature,
  transforms.rollingStdFeature,
  transforms.zscoreFeature,
  osc.volatilityFeature,
  osc.realizedVolFeature,
  prices.smaFeature,
  prices.emaFeature,
  prices.wmaFeature,
  osc.rsiFeature,
  osc.macdFeature,
  osc.macdSignalFeature,
  osc.macdHistFeature,
  osc.bbUpperFeature,
  osc.bbLowerFeature,
  osc.bbPercentBFeature,
  osc.bbWidthFeature,
  osc.trueRangeFeature,
  osc.atrFeature,
  osc.adxFeature,
  osc.plusDiFeature,
  osc.minusDiFeature,
  osc.stochKFeature,
  osc.stochDFeature,
  vc.obvFeature,
  vc.vwapFeature,
  vc.mfiFeature,
  vc.dayOfWeekFeature,
  vc.hourOfDayFeature,
] as const satisfies readonly FeatureDeclaration[];

export type FeatureName = (typeof FEATURE_DECLARATIONS)[number]['name'];

const entryFields = {
  column: z.string().min(1).optional().meta({ description: 'Apply the feature to this column instead of its default input (e.g. logReturn of activeAddresses).' }),
  columns: z
    .record(z.string(), z.string().min(1))
    .optional()
    .meta({ description: 'Input role -> column, for features with several inputs (ratio: numerator, denominator).' }),
};

const entryShape = { name: z.string(), ...entryFields };

/**
 * The schema of one feature entry in a features cell: the entry fields plus the feature's params.
 * Statically an entry is { name, column?, columns? }: its params (numbers) are checked per feature
 * at parse and read by name through the feature's declaration.
 */
export function featureEntrySchema(declaration: FeatureDeclaration) {
  const shape: typeof entryShape = Object.assign({}, entryShape, declaration.params.shape, {
    name: z.literal(declaration.name).meta({ description: 'The feature.' }),
  });
  return z.strictObject(shape).meta({ title: declaration.label, description: declaration.description });
}

const [firstEntry, ...otherEntries] = FEATURE_DECLARATIONS.map(featureEntrySchema);

export const featureSpecSchema = z.discriminatedUnion('name', [firstEntry!, ...otherEntries]);
export type FeatureSpec = z.output<typeof featureSpecSchema>;

export function featureDeclaration(name: string): FeatureDeclaration {
  const found = FEATURE_DECLARATIONS.find((f) => f.name === name);
  if (!found) throw new Error(`unknown feature "${name}"; known: ${FEATURE_DECLARATIONS.map((f) => f.name).join(', ')}`);
  return found;
}
