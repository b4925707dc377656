import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BACKTEST_RULES,
  checkSpec,
  executorTrainingSchema,
  FEATURE_DECLARATIONS,
  featureSpecSchema,
  MODEL_SCHEMAS,
  modelSpecSchema,
  SOURCE_SCHEMAS,
  targetSchema,
  trainingSchema,
} from './index';

/** Every field of an object schema, nested objects included, with its dotted path. */
function fields(schema: z.ZodType, prefix = ''): [string, z.ZodType][] {
  const inner = schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? schema.unwrap() : schema;
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([name, field]): [string, z.ZodType][] => [
    [prefix + name, field],
    ...fields(field, `${prefix}${name}.`),
  ]);
}

const OBJECTS: [string, z.ZodType][] = [
  ...MODEL_SCHEMAS.map((s): [string, z.ZodType] => [`model ${s.shape.type.value}`, s]),
  ...SOURCE_SCHEMAS.map((s): [string, z.ZodType] => [`source ${s.shape.type.value}`, s]),
  ...FEATURE_DECLARATIONS.map((f): [string, z.ZodType] => [`feature ${f.name}`, f.params]),
  ['target', targetSchema],
  ['training', trainingSchema],
];

describe('every declaration', () => {
  it.each(OBJECTS)('%s: every default passes its own field (range included)', (_what, schema) => {
    for (const [path, field] of fields(schema)) {
      if (!(field instanceof z.ZodDefault)) continue;
      const value: unknown = field.parse(undefined);
      expect(z.safeParse(field.unwrap(), value).success, `${path} default ${JSON.stringify(value)}`).toBe(true);
    }
  });

  it.each(OBJECTS)('%s: every field has one line of help, numbers have a finite range', (_what, schema) => {
    for (const [path, field] of fields(schema)) {
      expect(field.meta()?.description, path).toMatch(/\S/);
      const json = z.toJSONSchema(field, { io: 'input' }) as { type?: string; maximum?: number; exclusiveMaximum?: number };
      if (json.type === 'number' || json.type === 'integer') expect(json.maximum ?? json.exclusiveMaximum, `${path} upper bound`).toBeDefined();
    }
  });

  it('models and sources carry a title and a description', () => {
    for (const schema of [...MODEL_SCHEMAS, ...SOURCE_SCHEMAS]) {
      expect(schema.meta()?.title, schema.shape.type.value).toMatch(/\S/);
      expect(schema.meta()?.description, schema.shape.type.value).toMatch(/\S/);
    }
    expect(new Set(BACKTEST_RULES.map((r) => r.id)).size).toBe(BACKTEST_RULES.length);
  });

  it('fills a feature entry from its declaration and names a bad parameter by its path', () => {
    expect(featureSpecSchema.parse({ name: 'macd' })).toEqual({ name: 'macd', fast: 12, slow: 26, signal: 9 });
    const bad = featureSpecSchema.safeParse({ name: 'bbWidth', stdDevs: 0 });
    expect(bad.error?.issues.map((i) => i.path)).toEqual([['stdDevs']]);
  });

  it('settles the naive and drift lookback default at 1 (they ignore the window)', () => {
    expect(modelSpecSchema.parse({ type: 'naive' })).toEqual({ type: 'naive', lookback: 1 });
    expect(modelSpecSchema.parse({ type: 'drift' })).toEqual({ type: 'drift', lookback: 1 });
  });
});

describe('the executor spec check (the compute worker runs it on every train call)', () => {
  it('fills defaults and rejects a bad model or training spec with the path of each problem', () => {
    expect(checkSpec(modelSpecSchema, { type: 'attention', lookback: 8 }, 'model')).toMatchObject({ dModel: 32, heads: 4, blocks: 1 });
    expect(() => checkSpec(modelSpecSchema, { type: 'attention', lookback: 8, dModel: 30, heads: 4 }, 'model')).toThrow('model.heads: heads must divide dModel');
    expect(() => checkSpec(modelSpecSchema, { type: 'lstm', lookback: 8, units: 4, layer: 2 }, 'model')).toThrow('model: Unrecognized key: "layer"');
    expect(() => checkSpec(modelSpecSchema, { type: 'transformer', lookback: 8 }, 'model')).toThrow(/^model\.type: /);
    const training = { epochs: 1, batchSize: 8, learningRate: 0.01, seed: 1 };
    expect(checkSpec(executorTrainingSchema, training, 'training')).toMatchObject({ validationFraction: 0.1, patience: 5, lrSchedule: 'constant', target: { type: 'regression' } });
    expect(() => checkSpec(executorTrainingSchema, { ...training, target: { type: 'quantile', quantiles: [0.9, 0.1] } }, 'training')).toThrow(
      'training.target.quantiles: quantiles must be strictly increasing',
    );
    expect(() => checkSpec(executorTrainingSchema, { ...training, clipNorm: Infinity }, 'training')).toThrow(/^training\.clipNorm: /);
  });
});
