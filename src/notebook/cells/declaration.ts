/**
 * A cell kind's declaration: its label, the cell schema (id, kind and its fields, each with
 * defaults, ranges and help), the cell kinds it reads (the run planner's edges) and its share of
 * a run's progress bar. The run function lives in the kind's runner file (registry.ts).
 */
import { z } from 'zod';
import '../../spec/meta';

export interface CellDeclaration<K extends string, S extends z.ZodRawShape> {
  kind: K;
  label: string;
  schema: z.ZodObject<{ id: z.ZodString; kind: z.ZodLiteral<K> } & S, z.core.$strict>;
  /** The kinds whose output this cell reads: data -> features -> model -> walkforward -> backtest. */
  inputs: readonly string[];
  /** Share of a run's progress bar this cell takes. */
  weight: number;
}

export function declareCell<const K extends string, S extends z.ZodRawShape>(d: {
  kind: K;
  label: string;
  description: string;
  inputs: readonly string[];
  weight: number;
  fields: S;
}): CellDeclaration<K, S> {
  const schema = z
    .strictObject({
      id: z.string().min(1).meta({ description: 'Unique name of the cell in the notebook.' }),
      kind: z.literal(d.kind).meta({ description: `Cell kind: ${d.kind}.` }),
      ...d.fields,
    })
    .meta({ title: d.label, description: d.description });
  return { kind: d.kind, label: d.label, schema, inputs: d.inputs, weight: d.weight };
}
