/**
 * A feature is its declaration (src/spec/features: name, help, inputs, parameters with defaults
 * and ranges) plus its computation here. The family files export their entries; the registry
 * lists them all.
 */
import type { FeatureDeclaration } from '../../spec/features/declaration';

export type { FeatureDeclaration } from '../../spec/features/declaration';

export type FeatureColumns = Record<string, Float64Array>;

export interface FeatureDefinition extends FeatureDeclaration {
  /** `time` is the frame's UTC ms column, aligned with the inputs (calendar features read it). */
  compute(columns: FeatureColumns, params: Record<string, number>, time: Float64Array): Float64Array;
}

export function param(feature: string, params: Record<string, number>, name: string): number {
  const value = params[name];
  if (value === undefined) throw new Error(`feature "${feature}": parameter "${name}" is missing; resolve it with resolveFeatureParams`);
  return value;
}

type Calc = (input: (role: string) => Float64Array, param: (name: string) => number, time: Float64Array) => Float64Array;

/** The declared feature with its computation, whose `calc` reads roles and params by name, with precise errors. */
export function feature(declaration: FeatureDeclaration, calc: Calc): FeatureDefinition {
  return {
    ...declaration,
    compute(columns, params, time) {
      const input = (role: string): Float64Array => {
        const fallback = declaration.defaultColumns?.[role];
        const values = columns[role] ?? (fallback === undefined ? undefined : columns[fallback]);
        if (!values) {
          const wanted = fallback === undefined ? `"${role}"` : `"${role}" (default "${fallback}")`;
          throw new Error(`feature "${declaration.name}" needs column ${wanted}; the frame has: ${Object.keys(columns).join(', ') || '(no columns)'}`);
        }
        return values;
      };
      return calc(input, (name) => param(declaration.name, params, name), time);
    },
  };
}
