/**
 * The shape of a feature definition, shared by the family files (which export their entries)
 * and the registry (which lists them all).
 */

export interface FeatureParam {
  name: string;
  default: number;
  min: number;
  max: number;
  integer: boolean;
}

export type FeatureColumns = Record<string, Float64Array>;

export interface FeatureDefinition {
  name: string;
  label: string;
  /** One sentence for the UI: what the value is and its convention. */
  description: string;
  /**
   * Input roles, e.g. ['high', 'low', 'close'], ['value'] or ['numerator', 'denominator'].
   * `compute` receives the columns keyed by role. OHLCV roles are named like the frame column
   * they read, so a frame can be passed as it is.
   */
  inputs: string[];
  /**
   * Role -> frame column read when no column is given under the role name (value -> close).
   * A role without an entry (ratio's numerator and denominator) must be supplied by the caller.
   */
  defaultColumns?: Record<string, string>;
  params: FeatureParam[];
  /** `time` is the frame's UTC ms column, aligned with the inputs (calendar features read it). */
  compute(columns: FeatureColumns, params: Record<string, number>, time: Float64Array): Float64Array;
}

export const intParam = (name: string, defaultValue: number, min = 1, max = 1000): FeatureParam => ({
  name,
  default: defaultValue,
  min,
  max,
  integer: true,
});

export const periodParam = (defaultValue: number, min = 1): FeatureParam => intParam('period', defaultValue, min);

export function param(feature: string, params: Record<string, number>, name: string): number {
  const value = params[name];
  if (value === undefined) throw new Error(`feature "${feature}": parameter "${name}" is missing; resolve it with resolveFeatureParams`);
  return value;
}

interface FeatureSpec extends Omit<FeatureDefinition, 'compute'> {
  calc(input: (role: string) => Float64Array, param: (name: string) => number, time: Float64Array): Float64Array;
}

/** Builds a definition whose `calc` reads roles and params by name, with precise errors. */
export function feature(spec: FeatureSpec): FeatureDefinition {
  const { calc, ...definition } = spec;
  return {
    ...definition,
    compute(columns, params, time) {
      const input = (role: string): Float64Array => {
        const fallback = spec.defaultColumns?.[role];
        const values = columns[role] ?? (fallback === undefined ? undefined : columns[fallback]);
        if (!values) {
          const wanted = fallback === undefined ? `"${role}"` : `"${role}" (default "${fallback}")`;
          throw new Error(`feature "${spec.name}" needs column ${wanted}; the frame has: ${Object.keys(columns).join(', ') || '(no columns)'}`);
        }
        return values;
      };
      return calc(input, (name) => param(spec.name, params, name), time);
    },
  };
}

/** The value role most transforms take, reading close unless told otherwise. */
export const VALUE_INPUT = { inputs: ['value'], defaultColumns: { value: 'close' } };
