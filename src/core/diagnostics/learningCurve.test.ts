import { describe, expect, it } from 'vitest';
import { bestEpochOf, diagnoseLearningCurve } from './learningCurve';

describe('diagnoseLearningCurve', () => {
  it('calls validation loss rising while training loss falls over-fitting', () => {
    const result = diagnoseLearningCurve({ train: [1, 0.8, 0.6, 0.5, 0.4], val: [1, 0.9, 0.95, 1.0, 1.1] });
    expect(result.diagnosis).toBe('over-fitting');
    expect(result.sentence).toMatch(/after epoch 2 the validation loss rose 22%/);
  });

  it('calls both losses still falling at the end still improving', () => {
    expect(diagnoseLearningCurve({ train: [1, 0.8, 0.6, 0.5], val: [1, 0.9, 0.8, 0.7] }).diagnosis).toBe('still improving');
    expect(diagnoseLearningCurve({ train: [1, 0.8, 0.6, 0.5], val: [] }).diagnosis).toBe('still improving');
  });

  it('calls a flat training loss not learning', () => {
    expect(diagnoseLearningCurve({ train: [1, 0.995, 0.99, 0.99], val: [1, 1, 1, 1] }).diagnosis).toBe('not learning');
  });

  it('says when it cannot tell', () => {
    expect(diagnoseLearningCurve({ train: [1, 0.5], val: [1, 0.5] }).diagnosis).toBe('too short');
    expect(diagnoseLearningCurve({ train: [1, 0.7, 0.6, 0.6, 0.6], val: [1, 0.8, 0.79, 0.8, 0.8] }).diagnosis).toBe('no clear sign');
  });

  it('finds the first lowest validation epoch', () => {
    expect(bestEpochOf([3, 1, 2, 1])).toBe(2);
    expect(bestEpochOf([])).toBeNull();
    expect(bestEpochOf([NaN, 2])).toBe(2);
  });
});
