/**
 * A feature's declaration: its name, help, input roles and parameters (a zod object whose
 * fields carry defaults, ranges and help). The computation lives in src/core/features, keyed by
 * the same declaration.
 */
import { z } from 'zod';
import '../meta';

export type FeatureParamsSchema = z.ZodObject<Record<string, z.ZodDefault<z.ZodNumber>>, z.core.$strict>;

export interface FeatureDeclaration<N extends string = string, P extends FeatureParamsSchema = FeatureParamsSchema> {
  name: N;
  label: string;
  /** One sentence for the UI: what the value is and its convention. */
  description: string;
  /**
   * Input roles, e.g. ['high', 'low', 'close'], ['value'] or ['numerator', 'denominator'].
   * OHLCV roles are named like the frame column they read.
   */
  inputs: readonly string[];
  /** Role -> frame column read when no column is given (value -> close); a role without one must be mapped. */
  defaultColumns?: Readonly<Record<string, string>>;
  /** Parameters in column-name order: rsi_14, macd_12_26_9. */
  params: P;
}

export function declareFeature<const N extends string, P extends FeatureParamsSchema>(d: FeatureDeclaration<N, P>): FeatureDeclaration<N, P> {
  return d;
}

export const noParams = () => z.strictObject({});

export const intField = (description: string, defaultValue: number, min = 1, max = 1000, unit = 'bars') =>
  z.number().int().min(min).max(max).default(defaultValue).meta({ description, unit });

export const periodField = (defaultValue: number, min = 1) => intField('Bars in the window.', defaultValue, min);

/** The value role most transforms take, reading close unless told otherwise. */
export const VALUE_INPUT = { inputs: ['value'], defaultColumns: { value: 'close' } } as const;
