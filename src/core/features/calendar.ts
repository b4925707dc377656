import { feature, type FeatureDefinition } from './definition';
import { dayOfWeekFeature, hourOfDayFeature } from '../../spec/features/volumeCalendar';

/** Calendar features of the bar's UTC open time (crypto trades every day, so weekends are ordinary rows). */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** 0 = Monday .. 6 = Sunday in UTC; NaN where the time is NaN. */
export function dayOfWeek(time: Float64Array): Float64Array {
  const out = new Float64Array(time.length);
  for (let t = 0; t < time.length; t++) {
    const days = Math.floor(time[t]! / DAY_MS);
    // Day 0 (1970-01-01) was a Thursday, which is 3 counting from Monday = 0.
    out[t] = (((days + 3) % 7) + 7) % 7;
  }
  return out;
}

/** 0..23, the UTC hour; NaN where the time is NaN. */
export function hourOfDay(time: Float64Array): Float64Array {
  const out = new Float64Array(time.length);
  for (let t = 0; t < time.length; t++) out[t] = Math.floor((((time[t]! % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
  return out;
}

export const CALENDAR_FEATURES: readonly FeatureDefinition[] = [
  feature(dayOfWeekFeature, (_input, _param, time) => dayOfWeek(time)),
  feature(hourOfDayFeature, (_input, _param, time) => hourOfDay(time)),
];
